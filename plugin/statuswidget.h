#pragma once

#include <whirlpool/types.h>

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QTableWidget;

namespace wp::plugin {

class PluginMixer;

/// The ready-made status view: one row per coin (value, pool, state, step with
/// a progress bar, mixes, instance, last error and advice), Start all / Stop
/// all buttons, and the cluster event log. Pure view over PluginMixer's
/// signals; never blocks.
///
/// Thread affinity: the GUI thread.
class StatusWidget : public QWidget {
    Q_OBJECT
public:
    /// @p mixer must outlive the widget (a QPointer guards it anyway).
    explicit StatusWidget(PluginMixer *mixer, QWidget *parent = nullptr);

private:
    void rebuild();
    void updateRow(const whirlpool::CoinStatus &status);
    void addEvent(const whirlpool::CoordinatorEvent &event);
    void updateSummary();

    QPointer<PluginMixer> m_mixer;
    QLabel *m_summary;
    QTableWidget *m_table;
    QListWidget *m_events;
};

} // namespace wp::plugin
