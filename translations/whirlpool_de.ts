<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>wp::client::MixOrchestrator</name>
    <message>
        <source>%1; trying again in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixing stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mix round failed (another participant left or was too slow). Nobody took your coin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: it joins the next round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No coordinator instance could be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your internet connection or Tor proxy in Settings; retrying by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinator has banned this coin for a while: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins are banned after they disappear from mixes several times (closed app, lost connection during signing). Keep the app online while mixing; retrying later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinator refused this coin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the coin is unconfirmed, wait for a confirmation; retrying by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coordinator speaks another protocol version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinator showed this coin another mix key than the one it publishes: this could be an attempt to identify you. The coin was not mixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixing of this coin is paused for your safety. Start it again only if it keeps happening nowhere else, and tell the operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool&apos;s network, denomination or fees differ from what this coin was made for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the bootstrap list in Settings (wrong network or a foreign coordinator?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinator proposed a mix transaction that does not pay you correctly, so it was not signed. Your coin is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixing of this coin is paused; start it again to retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wallet could not complete the mix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying by itself; if it persists, restart the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a free mixing slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed: the new coin appears after the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mixed in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 paused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2 Retrying in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for a mix...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined a mix!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registering output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mix success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mix failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::AccountsWidget</name>
    <message>
        <source>Deposit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Premix (waiting for a first mix)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postmix (mixed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad bank (Tx0 change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive here the coins you want to mix. A Tx0 splits them into premix coins of the pool&apos;s size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins made by a Tx0, each waiting for its first mix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed coins. They keep remixing for free while the app runs; spend them from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change of your Tx0s. It is linked to your deposit: do not mix it with postmix coins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances per account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::CoinTableModel</name>
    <message>
        <source>Not mixing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remix target reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the coordinator instance that runs this pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coin waits in the pool for a mix with enough participants. Waiting minutes or even hours is normal: nothing is wrong and nothing is spent. You can stop at any time without penalty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your coin was picked for a mix that is about to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mix is running. Keep the app open and online until it ends (about a minute): leaving now gets the coin blamed, and repeated blames lead to a temporary ban.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this step for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator instance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coin starts when a mixing slot is free. Coins mixing at once: at most %1 (Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next attempt at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coin is not retried by itself: start it again once you have read this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed in transaction %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coin reached the remix target set in Settings (mixes: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not mixing. Start it from the coin&apos;s context menu or with &quot;Start all&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed coin (remixing is free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Premix coin from a Tx0, waiting for its first mix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinator instance running this coin&apos;s mix. When an instance fails, its pools move to another one and the coin follows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the current mix stands; hover a coin for what it means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixes this coin went through (remixes included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the last attempt failed; hover for what to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::EventLogWidget</name>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster list updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster list refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected instance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected instance: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only &amp;problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only failed connections, refused redirects and other problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::Format</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::MainWindow</name>
    <message>
        <source>Mixing: %1, waiting: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, need attention: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whirlpool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - Whirlpool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins and their mixing status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New wallet...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore wallet...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open wallet...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tx0: make premix coins...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sto&amp;p all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start mixing this &amp;coin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop mixing this c&amp;oin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::MixChart</name>
    <message>
        <source>Mixes per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixes in the last %1 days: %2. Mixes in total: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mixes yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::MixHistoryWidget</name>
    <message>
        <source>Remix (mix %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First mix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixes: %1 in total, %2 today, %3 in the last 7 days; remixes: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hart:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixes per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy transaction id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::NewWalletDialog</name>
    <message>
        <source>Write the words down first, then tick the box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word #%1 is not the word shown on the previous page. Go back and check what you wrote down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase, or untick &quot;Add a passphrase&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 1 of 3: your recovery words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 2 of 3: check the words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 3 of 3: protect the wallet file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These 12 words are your wallet. Write them on paper, in this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep them offline and private: anyone who sees them can take your coins. Without them, a lost or damaged wallet file cannot be recovered. Never type them into a website.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;written down the 12 words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type these words from your paper copy, to be sure it is complete and readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word #%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a BIP39 &amp;passphrase (advanced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase becomes part of the seed: the 12 words alone will NOT restore this wallet. Write it down too; it cannot be changed or recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat p&amp;assphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::PasswordFields</name>
    <message>
        <source>Choose a password to encrypt the wallet file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak: easy to guess for someone who gets the wallet file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It encrypts the wallet file on this computer. A long sentence is easy to remember and hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsModel</name>
    <message>
        <source>Waiting for participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round failed, checking who left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid once to the coordinator in the Tx0; remixes are free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each mix has %1 inputs and %1 outputs of %2 (at least %3 of them new coins).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins registered and waiting in this pool: %1. Confirmed in the current mix: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current mix: %1 (%2), running for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The instance of the cluster that mixes this pool. If it fails, another instance takes the pool over and clients follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymity set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner instance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsWidget</name>
    <message>
        <source>Could not fetch the pools: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the pools of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pools: %1, updated %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pools: %1, from instance %2 at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pools yet: the app asks the cluster once it is configured in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::RestoreWalletDialog</name>
    <message>
        <source>Type the 12 to 24 recovery words, separated by spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word %1 (&quot;%2&quot;) is not a BIP39 English word: check its spelling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 words typed: a recovery phrase has 12, 15, 18, 21 or 24 words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every word is known, but the checksum does not match: a word is wrong or two are swapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid recovery phrase (%1 words).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the recovery words of an existing wallet. The app then scans the chain for its coins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery &amp;words:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only if the wallet has one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created at &amp;block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (scan from the start of Whirlpool)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The block height when the wallet was created, if you know it: scanning starts there and ends sooner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::SendDialog</name>
    <message>
        <source>mainnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>testnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regtest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address uses a future segwit version this wallet does not send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a %1 address; this wallet is on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid bitcoin address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the destination address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount, or tick &quot;Send all&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is not a number of bitcoin with at most 8 decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is below the dust limit (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is more than the %1 available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fee rate must be between %1 and %2 sat/vB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient gets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Miner fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 back to the postmix account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (%1 too small to keep, added to the fee)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins spent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the address on the device you got it from before you send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send mixed coins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available in postmix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pay to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bitcoin address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount (BTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send every mixed coin, minus the fee, with no change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 sat/vB (about %3 blocks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 sat/vB (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fee rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node gave no estimate for some presets; defaults are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This transaction will:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::SettingsDialog</name>
    <message>
        <source>Add at least one coordinator instance (Cluster tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clearnet URL of %1 is not valid (http://host:port or https://host).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The onion URL of %1 is not valid (http://….onion).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operator address is not a valid address of this wallet&apos;s network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onion URLs need a SOCKS5 proxy (Tor), usually 127.0.0.1 port 9050.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;Use onion&quot; is on, but no instance has an onion URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No instance has a clearnet URL: turn on &quot;Use onion&quot; or add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the proxy&apos;s port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node URL must look like http://127.0.0.1:8332 (Node tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default fees must go from fast (highest) to slow (lowest).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator &amp;instances to start from. Any of them leads to the pools; the cluster&apos;s signed list adds the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearnet URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onion URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;perator address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address that signs the cluster&apos;s list of instances. Empty: only the instances above are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;onion URLs (Tor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOCKS5 pro&amp;xy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (direct connections)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Por&amp;t:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC &amp;user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coins mixing at &amp;once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix new premix coins &amp;automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remix mixed coins automatically (free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop remixing af&amp;ter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> mixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee rates used when the node cannot estimate them (regtest, a fresh node).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ast:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No&amp;rmal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slo&amp;w:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes as soon as you press OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::Tx0PreviewDialog</name>
    <message>
        <source>Tx0 preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split your deposit into coins for the pool %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (coins of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent from deposit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Premix coins:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each coin is the pool&apos;s denomination plus its share of the miner fee of its first mix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved for first-mix miner fees:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 per coin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid once to the coordinator; remixes are free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (a decoy output of %1 returns to your wallet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tx0 miner fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total fees:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 % of the amount spent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees are more than %1 % of the amount: a larger deposit or a lower fee rate costs less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once the Tx0 confirms, the premix coins join the pool and mix by themselves. The change is linked to the coins you spent: keep it apart from mixed coins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confirm and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>wp::gui::UnlockDialog</name>
    <message>
        <source>Unlock wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the password of the wallet &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
