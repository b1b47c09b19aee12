import type { VenueAccount } from './venue-options.js';

/**
 * Who may sign for whom: each configured account signs for itself, and its approved agent (API)
 * wallets sign for it. An agent trades for its master; queries use the master's address.
 */
export class SignerDirectory {
  private readonly masterBySigner = new Map<string, string>();
  private readonly accounts = new Map<string, VenueAccount>();

  constructor(accounts: readonly VenueAccount[]) {
    for (const account of accounts) {
      this.accounts.set(account.address, account);
      this.masterBySigner.set(account.address, account.address);
      for (const agent of account.agents) this.masterBySigner.set(agent, account.address);
    }
  }

  /** The account `signer` acts for, or undefined when the venue does not know the signer. */
  accountFor(signer: string): string | undefined {
    return this.masterBySigner.get(signer.toLowerCase());
  }

  account(address: string): VenueAccount | undefined {
    return this.accounts.get(address.toLowerCase());
  }

  allAccounts(): VenueAccount[] {
    return [...this.accounts.values()];
  }

  /** Approves an agent at run time (the control endpoint's stand-in for `approveAgent`). */
  approveAgent(master: string, agent: string): void {
    this.masterBySigner.set(agent.toLowerCase(), master.toLowerCase());
  }
}
