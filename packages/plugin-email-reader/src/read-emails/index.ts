export { emailSummary } from './email-summary';
export {
  type EmailSummary,
  type ReadEmailsConfig,
  ReadEmailsConfigSchema,
  ReadEmailsParameters,
  type ReadEmailsParams,
  type ReadEmailsResult,
} from './read-emails-schemas';
export { ReadEmailsTool } from './read-emails-tool';
