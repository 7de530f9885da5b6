#pragma once

#include <widgets/mixchart.h>

#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace wp::gui {

/// The wallet's mix history: a summary line (mixes in total, today, in the last
/// 7 days, remixes), a MixChart (per day or running total, chosen in a combo
/// box), and the list of mixes newest first (time, pool, instance, transaction;
/// the context menu copies a transaction id). Retranslates itself on
/// QEvent::LanguageChange.
///
/// Thread affinity: the GUI thread.
class MixHistoryWidget : public QWidget {
    Q_OBJECT
public:
    explicit MixHistoryWidget(QWidget *parent = nullptr);

    /// Shows @p mixes (any order; shown newest first).
    void setMixes(const QList<MixHistoryEntry> &mixes);
    /// Adds one mix (a mix that just succeeded).
    void addMix(const MixHistoryEntry &mix);
    const QList<MixHistoryEntry> &mixes() const { return m_mixes; }

    MixChart *chart() const { return m_chart; }
    /// Replaces the wall clock (today, "last 7 days"), for tests; also the chart's.
    void setClock(std::function<qint64()> now);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fill();
    void updateSummary();

    QList<MixHistoryEntry> m_mixes;
    std::function<qint64()> m_now;
    QLabel *m_summary = nullptr;
    QLabel *m_modeLabel = nullptr;
    QComboBox *m_mode = nullptr;
    MixChart *m_chart = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace wp::gui
