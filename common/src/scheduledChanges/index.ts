export * from './scheduleWindow';
export * from './scheduledChange';
export * from './calendarWeek';
