#include "headlessrun.h"

#include <QStringList>

#include <algorithm>

namespace wp::samplehost {

namespace {
QString field(const QString &text)
{
    QString f = text.simplified();
    f.replace(QLatin1Char(' '), QLatin1Char('_'));
    return f.isEmpty() ? QStringLiteral("-") : f;
}

QString rest(const QString &text)
{
    const QString r = text.simplified();
    return r.isEmpty() ? QStringLiteral("-") : r;
}
} // namespace

HeadlessRun::HeadlessRun(whirlpool::Mixer *mixer, QTextStream &out, int exitAfterMixes, int timeoutMs,
                         QObject *parent)
    : QObject(parent), m_mixer(mixer), m_out(out), m_exitAfterMixes(exitAfterMixes), m_timeoutMs(timeoutMs)
{
    m_mixer->setListener(this);
    if (timeoutMs > 0) {
        m_timeout.setSingleShot(true);
        connect(&m_timeout, &QTimer::timeout, this, &HeadlessRun::onTimeout);
        m_timeout.start(timeoutMs);
    }
}

HeadlessRun::~HeadlessRun()
{
    m_mixer->setListener(nullptr);
}

void HeadlessRun::writeLine(const QString &line)
{
    m_out << line << '\n';
    m_out.flush();
}

void HeadlessRun::coinStatusChanged(const whirlpool::CoinStatus &status)
{
    const QString line = QStringLiteral("status %1 %2 %3 %4 %5")
                             .arg(field(status.outpoint), field(status.stateName), field(status.step))
                             .arg(status.progress)
                             .arg(field(status.instance));
    QString &last = m_lastStatusLine[status.outpoint];
    if (line != last)
        writeLine(line);
    last = line;

    if (status.state == whirlpool::CoinState::Mixed && !status.lastTxid.isEmpty()) {
        const QString key = status.outpoint + QLatin1Char(' ') + status.lastTxid;
        if (!m_mixedTxids.contains(key)) {
            m_mixedTxids.insert(key);
            ++m_mixes;
            writeLine(QStringLiteral("mixed %1 %2").arg(field(status.outpoint), field(status.lastTxid)));
            if (m_exitAfterMixes > 0 && m_mixes >= m_exitAfterMixes)
                return finish(0, {});
        }
    }

    const QList<whirlpool::CoinStatus> coins = m_mixer->coins();
    const bool allBlocked = !coins.isEmpty() && std::all_of(coins.cbegin(), coins.cend(), [](const auto &c) {
        return c.state == whirlpool::CoinState::Blocked;
    });
    if (allBlocked && m_exitAfterMixes > 0)
        finish(2, QStringLiteral("every coin is blocked (%1: %2)").arg(status.outpoint, status.lastError.simplified()));
}

void HeadlessRun::errorOccurred(const QString &outpoint, const QString &message)
{
    writeLine(QStringLiteral("error %1 %2").arg(field(outpoint), rest(message)));
    if (outpoint.isEmpty())
        finish(2, QStringLiteral("the mixer failed: %1").arg(message.simplified()));
}

void HeadlessRun::coordinatorEvent(const whirlpool::CoordinatorEvent &event)
{
    writeLine(QStringLiteral("event %1 %2 %3 %4")
                  .arg(field(event.kind), field(event.instanceName), field(event.url), rest(event.message)));
}

void HeadlessRun::onTimeout()
{
    QStringList states;
    for (const whirlpool::CoinStatus &c : m_mixer->coins())
        states.append(c.outpoint + QLatin1Char('=') + c.stateName +
                      (c.lastError.isEmpty() ? QString() : QLatin1Char('(') + c.lastError.simplified() + QLatin1Char(')')));
    finish(3, QStringLiteral("timeout after %1 s with %2 of %3 mixes done; coins: %4")
                  .arg(m_timeoutMs / 1000)
                  .arg(m_mixes)
                  .arg(m_exitAfterMixes)
                  .arg(states.isEmpty() ? QStringLiteral("none") : states.join(QStringLiteral(", "))));
}

void HeadlessRun::finish(int exitCode, const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    Q_EMIT finished(exitCode, reason);
}

} // namespace wp::samplehost
