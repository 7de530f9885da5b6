#pragma once

// The sample host without a window (--headless): prints one machine-readable
// line per mixer event on stdout and ends the run after N mixes, on a fatal
// error or on a timeout. Built from the plugin's public listener only.

#include <whirlpool/mixer.h>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTextStream>
#include <QTimer>

namespace wp::samplehost {

/// Listens to one whirlpool::Mixer and writes, one line per event (fields
/// separated by one space; "-" for an empty field; the message is the rest of
/// the line, newlines folded to spaces):
///
///     status <outpoint> <STATE> <STEP|-> <progress> <instance|->
///     mixed <outpoint> <txid>
///     error <outpoint|-> <message>
///     event <KIND> <instance|-> <url|-> <message>
///
/// Ends the run with finished(): code 0 after exitAfterMixes successful mixes
/// (0: never), 2 when the mixer itself fails (an error with no outpoint) or
/// every coin is blocked, 3 after the timeout.
///
/// Thread affinity: the mixer's thread (listener calls arrive there).
class HeadlessRun : public QObject, public whirlpool::MixerListener {
    Q_OBJECT
public:
    /// @p out receives the event lines (flushed per line). @p timeoutMs <= 0: no timeout.
    HeadlessRun(whirlpool::Mixer *mixer, QTextStream &out, int exitAfterMixes, int timeoutMs,
                QObject *parent = nullptr);
    ~HeadlessRun() override;

    /// Successful mixes seen so far.
    int mixes() const { return m_mixes; }

    // whirlpool::MixerListener
    void coinStatusChanged(const whirlpool::CoinStatus &status) override;
    void errorOccurred(const QString &outpoint, const QString &message) override;
    void coordinatorEvent(const whirlpool::CoordinatorEvent &event) override;

Q_SIGNALS:
    /// The run is over: @p exitCode for the process, @p reason one line (empty on success).
    /// Emitted once.
    void finished(int exitCode, const QString &reason);

private:
    void writeLine(const QString &line);
    void finish(int exitCode, const QString &reason);
    void onTimeout();

    whirlpool::Mixer *m_mixer;
    QTextStream &m_out;
    int m_exitAfterMixes;
    int m_timeoutMs;
    int m_mixes = 0;
    bool m_finished = false;
    QTimer m_timeout;
    QHash<QString, QString> m_lastStatusLine; ///< per outpoint, to print changes only
    QSet<QString> m_mixedTxids;               ///< "outpoint txid" already reported
};

} // namespace wp::samplehost
