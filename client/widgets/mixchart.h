#pragma once

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QWidget>

#include <functional>

namespace wp::gui {

/// One mix this wallet took part in, as the history shows it. Deliberately no
/// outpoint or address: the history never links a coin to its mix output.
/// Plain value type.
struct MixHistoryEntry {
    QString txid;      ///< the mix transaction
    QString poolId;
    qint64 timeMs = 0; ///< wall clock when the mix succeeded (ms since the epoch)
    QString instance;  ///< coordinator instance that ran it
    int mixNumber = 1; ///< 1 = a coin's first mix, more = a remix

    friend bool operator==(const MixHistoryEntry &, const MixHistoryEntry &) = default;
};

/// Mixes over time, painted with QPainter (no Qt Charts): either a bar per day
/// stacked by pool, or the running total of mixes as a line, over the last
/// days() days up to today (local time). Axis labels, legend and margins are
/// sized from the font metrics; colours come from the palette except the pools'.
/// Retranslates itself on QEvent::LanguageChange.
///
/// Thread affinity: the GUI thread.
class MixChart : public QWidget {
    Q_OBJECT
public:
    enum class Mode {
        PerDay,     ///< stacked bars: mixes per day and pool
        Cumulative, ///< line: total mixes so far, day by day
    };

    explicit MixChart(QWidget *parent = nullptr);

    void setMixes(const QList<MixHistoryEntry> &mixes);
    const QList<MixHistoryEntry> &mixes() const { return m_mixes; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// Days shown, today included (clamped to 2..366; default 14).
    void setDays(int days);
    int days() const { return m_days; }
    /// Replaces the wall clock (ms since the epoch) that says which day is today, for tests.
    void setClock(std::function<qint64()> now);

    /// Mixes per day over the days shown, oldest first (what PerDay paints).
    QList<int> mixesPerDay() const;
    /// Total mixes at the end of each day shown, oldest first (what Cumulative paints).
    QList<int> cumulativePerDay() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QDate today() const;
    QDate firstDay() const { return today().addDays(-(m_days - 1)); }
    QStringList pools() const;
    static QColor poolColor(int index);
    void updateAccessibility();

    QList<MixHistoryEntry> m_mixes;
    Mode m_mode = Mode::PerDay;
    int m_days = 14;
    std::function<qint64()> m_now;
};

} // namespace wp::gui

Q_DECLARE_METATYPE(wp::gui::MixHistoryEntry)
