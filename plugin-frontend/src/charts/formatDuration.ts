/** The portal's one duration format lives in common (the backend writes it into problem titles too). */
export { formatDuration } from '@gcp-serverless/common';
