export {
  type RecipientFields,
  type RefusedRecipient,
  recipientsOutsideAllowlist,
} from './recipient-allowlist';
export {
  type SendEmailConfig,
  SendEmailConfigSchema,
  SendEmailParameters,
  type SendEmailParams,
  type SendEmailResult,
} from './send-email-schemas';
export { SendEmailTool } from './send-email-tool';
