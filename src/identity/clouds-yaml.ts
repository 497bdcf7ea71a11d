/** What a clouds.yaml entry needs. */
export interface CloudEntry {
  readonly authUrl: string;
  readonly username: string;
  readonly password: string;
  readonly projectName: string;
  readonly userDomainName: string;
  readonly projectDomainName: string;
  readonly region: string;
}

/**
 * The text of a clouds.yaml (os-client-config format) with one cloud. Values
 * are written as double-quoted YAML scalars so any password survives. Pure.
 *
 * @example cloudsYaml('muon', entry) // "clouds:\n  muon:\n    auth:\n ..."
 */
export function cloudsYaml(cloudName: string, entry: CloudEntry): string {
  const q = (text: string) => JSON.stringify(text);
  return [
    '# Written by muon at first start. Use with:',
    `#   OS_CLOUD=${cloudName} OS_CLIENT_CONFIG_FILE=<this file> openstack network list`,
    'clouds:',
    `  ${cloudName}:`,
    '    auth:',
    `      auth_url: ${q(entry.authUrl)}`,
    `      username: ${q(entry.username)}`,
    `      password: ${q(entry.password)}`,
    `      project_name: ${q(entry.projectName)}`,
    `      user_domain_name: ${q(entry.userDomainName)}`,
    `      project_domain_name: ${q(entry.projectDomainName)}`,
    `    region_name: ${q(entry.region)}`,
    '    interface: "public"',
    '    identity_api_version: 3',
    '',
  ].join('\n');
}
