import { Command } from '@commander-js/extra-typings';
import { gatewayCommand } from './gateway.js';
import { generateCommand } from './generate.js';
import { devCommand } from './dev-cert.js';
import { devTokenCommand } from './dev-token.js';
import { idCommand } from './id.js';
import { auditCommand } from './audit.js';
import { altinnCommand, loadDevCertificateAuthority, maskinportenCommand } from './maskinporten.js';
import { registerCommand } from './register.js';
import { statsCommand } from './stats.js';
import { upCommand } from './up.js';

/** The `folkeport` command line. Every feature adds its subcommand here. */
export function buildProgram() {
  return new Command('folkeport')
    .description('Folkeport: a wire-compatible Norwegian population register, authorisation server and gateway')
    .version('0.1.0')
    .addCommand(upCommand())
    .addCommand(idCommand())
    .addCommand(generateCommand())
    .addCommand(statsCommand())
    .addCommand(registerCommand())
    .addCommand(maskinportenCommand())
    .addCommand(altinnCommand())
    .addCommand(gatewayCommand())
    .addCommand(auditCommand())
    .addCommand(devCommand(loadDevCertificateAuthority).addCommand(devTokenCommand()));
}
