/**
 * `folkeport dev token`: an access token for one of the demo clients of `folkeport up`, fetched from the local
 * Maskinporten with @folkeport/client — for curl and other tools that cannot sign a grant themselves.
 */
import { Command } from '@commander-js/extra-typings';
import { MaskinportenClient } from '@folkeport/client';
import { RIGHTS_PACKAGES } from '@folkeport/model';
import { readDevCredentials } from '../dev/dev-credentials.js';
import { DEFAULT_DATA_DIR } from '../store/database.js';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export function devTokenCommand() {
  const command = new Command('token')
    .description('Print an access token of a `folkeport up` demo client (the credentials file of the data directory)')
    .option('--package <id>', `the rettighetspakke (${RIGHTS_PACKAGES.map((pkg) => pkg.id).join(', ')})`, 'offentligMedHjemmel')
    .option('--fiks', "the demo vendor's ks:fiks token, for calls through the gateway (instead of --package)")
    .option('--consumer-org <orgnr>', 'act for this consumer under a delegation (consumer_org)')
    .option('--dir <dir>', 'the directory holding dev-credentials.json', DEFAULT_DATA_DIR)
    .action(async (options) => {
      let credentials;
      try {
        credentials = readDevCredentials(options.dir);
      } catch (error) {
        return command.error(`error: ${(error as Error).message}`, { exitCode: EXIT_USAGE });
      }
      const demo = options.fiks
        ? credentials.clients.find((client) => client.clientId === credentials.fiks?.vendorClientId)
        : credentials.clients.find((client) => client.package === options.package);
      if (!demo) {
        const wanted = options.fiks ? 'the Fiks vendor' : `package ${options.package}`;
        return command.error(`error: no demo client for ${wanted} in the credentials file`, { exitCode: EXIT_USAGE });
      }
      const client = new MaskinportenClient({
        environment: { issuer: credentials.maskinporten.issuer },
        clientId: demo.clientId,
        key: { jwk: demo.privateJwk },
      });
      try {
        const token = await client.getToken({
          scopes: demo.scopes,
          ...(options.consumerOrg !== undefined && { consumerOrg: options.consumerOrg }),
        });
        console.log(token.accessToken);
      } catch (error) {
        command.error(`error: ${(error as Error).message}`, { exitCode: EXIT_FAILED });
      }
    });
  return command;
}
