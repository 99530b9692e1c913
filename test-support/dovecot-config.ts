/**
 * The configuration file of the test Dovecot that `dovecot.ts` starts.
 */
/** The system user Dovecot keeps mail as. */
export const MAIL_USER = 'nobody';
/** The system group Dovecot keeps mail as. */
export const MAIL_GROUP = 'nogroup';

/** Where a test Dovecot keeps its files and listens. */
export interface DovecotLayout {
  root: string;
  mailRoot: string;
  logFile: string;
  port: number;
  secure: boolean;
  /** Leave IDLE out of the capabilities announced after login (clients must poll). */
  withoutIdle?: boolean;
}

/**
 * Dovecot 2.3's own post-login capabilities without IDLE: `imap_capability` replaces the list (a value
 * starting with `+` could only add to it), so the whole list is spelled out.
 */
const CAPABILITIES_WITHOUT_IDLE = [
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS',
  'THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS',
  'LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS',
  'BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE',
].join(' ');

/** The Dovecot configuration of a test server: loopback, passwd-file user, maildir, no anvil penalty. */
export function dovecotConfig({ root, mailRoot, logFile, port, secure, withoutIdle }: DovecotLayout): string {
  const ssl = secure
    ? `ssl = required\nssl_cert = <${root}/cert.pem\nssl_key = <${root}/key.pem`
    : 'ssl = no';
  const plainPort = secure ? 0 : port;
  const tlsPort = secure ? port : 0;
  return `
protocols = imap
listen = 127.0.0.1
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${logFile}
${ssl}
disable_plaintext_auth = no
auth_failure_delay = 0
auth_mechanisms = plain login
${withoutIdle ? `imap_capability = ${CAPABILITIES_WITHOUT_IDLE}` : ''}
mail_location = maildir:${mailRoot}/%u
mail_uid = ${MAIL_USER}
mail_gid = ${MAIL_GROUP}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/passwd
}
userdb {
  driver = static
  args = uid=${MAIL_USER} gid=${MAIL_GROUP} home=${mailRoot}/%u
}
# No anvil auth penalty: a failed-login test must not slow the logins that follow it.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${plainPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
`;
}
