export * from './approvalPolicy';
export * from './changeRequest';
