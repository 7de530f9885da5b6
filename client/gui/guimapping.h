#pragma once

// What the desktop app shows, made from what the wallet controller knows: the
// conversions between the model layer's types (client/app) and the widgets'
// plain value types (client/widgets). Pure functions: unit-tested without a
// wallet, a node or a window.

#include <app/appsettings.h>
#include <app/eventlog.h>
#include <app/mixhistory.h>
#include <app/walletcontroller.h>
#include <app/walletmodel.h>

#include <widgets/accountswidget.h>
#include <widgets/mixchart.h>
#include <widgets/poolsmodel.h>
#include <widgets/senddialog.h>
#include <widgets/settingsdialog.h>

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace wp::gui {

/// The four accounts in the order the window lists them (deposit, premix,
/// postmix, badbank); confirmed counts what is in blocks and mature, unconfirmed
/// the rest (mempool and immature). Never fails.
QList<AccountBalance> accountBalances(const client::WalletBalances &balances);

/// The pools with their owner instance's name (empty when no instance owns one now).
QList<PoolEntry> poolEntries(const QList<client::PoolView> &pools);

/// One mix of the wallet's history as the history tab and chart show it.
MixHistoryEntry historyEntry(const client::MixRecord &record);
QList<MixHistoryEntry> historyEntries(const QList<client::MixRecord> &records);

/// What the settings dialog edits, from the wallet's settings and the app's language.
GuiSettings toGuiSettings(const client::AppSettings &settings, const QString &language);
/// @p base (which keeps what the dialog does not edit, e.g. the node cookie file)
/// with the dialog's values applied. Never fails; validation is AppSettings::validate().
client::AppSettings applyGuiSettings(client::AppSettings base, const GuiSettings &edited);

/// The fee level of a send dialog choice (Custom: Normal, with the custom rate in the order).
client::FeeLevel feeLevelOf(FeeChoice choice);
/// The spend order of what the user typed in the send dialog.
client::SpendOrder spendOrder(const SendDraft &draft);

/// Rebuilds the directory event behind a cluster event of the log (for the
/// events tab's kind column). Returns: nullopt for events of other sources.
std::optional<client::DirectoryEvent> directoryEvent(const client::AppEvent &event);

/// The instance the client talks to now: the one of the coin that mixes in the
/// most advanced step (the connection that matters most to the user), else the
/// one that last answered the pools fetch. Empty when there is none.
QString connectedInstance(const QList<client::CoinStatus> &coins, const client::ClusterStatus &cluster);

/// Texts of the desktop app's own lines (status bar and messages), translated.
class GuiText {
    Q_DECLARE_TR_FUNCTIONS(wp::gui::GuiText)
public:
    /// The node part of the status bar ("Node: block 812,345" / "Node: syncing 45 %" /
    /// "Node unreachable: ..."), and whether it is fine.
    static QString nodeStatus(const client::NodeStatus &status, bool *ok = nullptr);
};

} // namespace wp::gui
