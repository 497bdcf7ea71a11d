import { pyStr } from './python-text.ts';
import { pyLen } from './python-values.ts';
import type { Validator } from './types.ts';

/** Neutron's FQDN_FIELD_SIZE: the longest name (without the trailing dot) it stores. */
export const FQDN_MAX_LEN = 255;
/** Neutron's default `[DEFAULT] dns_domain`; with it, port dns_name is not checked against the domain. */
export const DNS_DOMAIN_DEFAULT = 'openstacklocal.';

/**
 * One DNS label: 1–63 of [a-z0-9-], or a dns-domain-keywords placeholder.
 * JavaScript's `$` (unlike Python's) does not match before a final newline.
 */
const LABEL = /^(?:[a-z0-9-]{1,63}|<project_id>|<project_name>|<user_name>|<user_id>)$/;
const ALL_DIGITS = /^[0-9]+$/;

function labelProblem(labels: readonly string[]): string | undefined {
  for (const label of labels) {
    if (label === '') return 'Encountered an empty component';
    if (label.startsWith('-') || label.endsWith('-')) return `Name '${label}' must not start or end with a hyphen`;
    if (!LABEL.test(label)) {
      return `Name '${label}' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen`;
    }
  }
  const tld = labels[labels.length - 1];
  return labels.length > 1 && ALL_DIGITS.test(tld) ? `TLD '${tld}' must not be all numeric` : undefined;
}

/**
 * neutron-lib `_validate_dns_format`: RFC 1123 labels separated by dots, an
 * optional trailing dot (FQDN), at most `maxLen` characters without that
 * dot, and a TLD that is not all digits. The empty string passes.
 */
export function dnsFormatProblem(data: string, maxLen = FQDN_MAX_LEN): string | undefined {
  if (data === '') return undefined;
  const trimmed = data.endsWith('.') ? data.slice(0, -1) : data;
  const reason = pyLen(trimmed) > maxLen
    ? `'${trimmed}' exceeds the ${maxLen} character FQDN limit`
    : labelProblem(trimmed.split('.'));
  return reason === undefined ? undefined : `'${data}' not a valid PQDN or FQDN. Reason: ${reason}`;
}

function notString(value: unknown): string | undefined {
  return typeof value === 'string' ? undefined : `'${pyStr(value)}' is not a valid string`;
}

/**
 * neutron-lib `dns_host_name` (port `dns_name`, lower-cased by its converter
 * first): '' or a PQDN/FQDN per {@link dnsFormatProblem}, e.g.
 * `'-vm' not a valid PQDN or FQDN. Reason: Name '-vm' must not start or end
 * with a hyphen`. This is the check Neutron makes when `[DEFAULT] dns_domain`
 * is the default; see {@link dnsHostNameForDomain} otherwise.
 *
 * @example dnsHostName('vm..a') // "'vm..a' not a valid PQDN or FQDN. Reason: Encountered an empty component"
 */
export const dnsHostName: Validator = (value) => notString(value) ?? dnsFormatProblem(value as string);

function withDomainProblem(name: string, domain: string, configured: string): string | undefined {
  const higherLabels = domain === '' ? '' : `.${domain}`;
  const nameLength = pyLen(name);
  const higherLength = pyLen(higherLabels);
  if (!name.endsWith('.')) {
    if (nameLength + higherLength <= FQDN_MAX_LEN) return undefined;
    return `The dns_name passed is a PQDN and its size is '${nameLength}'. The dns_domain option in neutron.conf is set to ` +
      `${configured}, with a length of '${higherLength}'. When the two are concatenated to form a FQDN (with a '.' at ` +
      `the end), the resulting length exceeds the maximum size of '${FQDN_MAX_LEN}'`;
  }
  if (nameLength > higherLength && name.endsWith(higherLabels)) return undefined;
  return `The dns_name passed is a FQDN. Its higher level labels must be equal to the dns_domain option in neutron.conf, ` +
    `that has been set to '${configured}'. It must also include one or more valid DNS labels to the left of '${configured}'`;
}

/**
 * {@link dnsHostName} plus Neutron's check against a non-default
 * `[DEFAULT] dns_domain`: a PQDN must fit 255 characters once the domain is
 * appended; an FQDN must end with that domain and add at least one label.
 *
 * @param configuredDomain the configured dns_domain as written (with or without trailing dot).
 */
export function dnsHostNameForDomain(configuredDomain: string): Validator {
  const domain = configuredDomain === '' || configuredDomain.endsWith('.') ? configuredDomain : `${configuredDomain}.`;
  return (value) => {
    const message = dnsHostName(value);
    if (message !== undefined || value === '' || domain === '' || domain === DNS_DOMAIN_DEFAULT) return message;
    return withDomainProblem(value as string, domain, configuredDomain);
  };
}

/**
 * neutron-lib `fip_dns_host_name` (floating IP `dns_name`): '' or a relative
 * name (`'<v>' is a FQDN. It should be a relative domain name`) in DNS
 * format, short enough to take a domain (at most 252 characters).
 */
export const fipDnsHostName: Validator = (value) => {
  const bad = notString(value);
  if (bad !== undefined || value === '') return bad;
  const name = value as string;
  if (name.endsWith('.')) return `'${name}' is a FQDN. It should be a relative domain name`;
  const length = pyLen(name);
  return dnsFormatProblem(name) ?? (length > FQDN_MAX_LEN - 3
    ? `'${name}' contains ${length} characters. Adding a domain name will cause it to exceed the maximum length of a FQDN of '${FQDN_MAX_LEN}'`
    : undefined);
};

/**
 * neutron-lib `dns_domain_name` (network/port/floating IP `dns_domain`): ''
 * or an FQDN ending in '.' (`'<v>' is not a FQDN`) in DNS format, at most
 * 253 characters so that a sub-domain still fits.
 *
 * @example dnsDomainName('example.org') // "'example.org' is not a FQDN"
 */
export const dnsDomainName: Validator = (value) => {
  const bad = notString(value);
  if (bad !== undefined || value === '') return bad;
  const domain = value as string;
  if (!domain.endsWith('.')) return `'${domain}' is not a FQDN`;
  const length = pyLen(domain);
  return dnsFormatProblem(domain) ?? (length > FQDN_MAX_LEN - 2
    ? `'${domain}' contains ${length} characters. Adding a sub-domain will cause it to exceed the maximum length of a FQDN of '${FQDN_MAX_LEN}'`
    : undefined);
};
