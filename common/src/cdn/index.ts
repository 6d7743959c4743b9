export * from './cdnPolicyEdit';
