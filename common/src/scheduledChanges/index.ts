export * from './scheduleWindow';
export * from './scheduledChange';
