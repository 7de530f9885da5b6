#include <widgets/mixchart.h>

#include <util/assert.h>

#include <QDateTime>
#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace wp::gui {

namespace {

QDate dayOf(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).date(); }

/// A step of 1, 2 or 5 times a power of ten giving at most @p ticks intervals up to @p max.
int niceStep(int max, int ticks)
{
    if (max <= ticks)
        return 1;
    const double raw = double(max) / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw)
            return std::max(1, int(m * magnitude));
    return std::max(1, int(10 * magnitude));
}

} // namespace

MixChart::MixChart(QWidget *parent) : QWidget(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setFocusPolicy(Qt::NoFocus);
    updateAccessibility();
}

void MixChart::setMixes(const QList<MixHistoryEntry> &mixes)
{
    m_mixes = mixes;
    updateAccessibility();
    update();
}

void MixChart::setMode(Mode mode)
{
    m_mode = mode;
    updateAccessibility();
    update();
}

void MixChart::setDays(int days)
{
    m_days = std::clamp(days, 2, 366);
    updateAccessibility();
    update();
}

void MixChart::setClock(std::function<qint64()> now)
{
    WP_ASSERT(now);
    m_now = std::move(now);
    updateAccessibility();
    update();
}

QDate MixChart::today() const { return dayOf(m_now()); }

QStringList MixChart::pools() const
{
    QStringList out;
    for (const MixHistoryEntry &m : m_mixes)
        if (!out.contains(m.poolId))
            out.append(m.poolId);
    std::sort(out.begin(), out.end());
    return out;
}

QColor MixChart::poolColor(int index)
{
    // Okabe-Ito: distinguishable with the common colour vision deficiencies.
    static const QColor colors[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                                    QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00)};
    return colors[index % int(std::size(colors))];
}

QList<int> MixChart::mixesPerDay() const
{
    QList<int> out(m_days, 0);
    const QDate first = firstDay();
    for (const MixHistoryEntry &m : m_mixes) {
        const qint64 d = first.daysTo(dayOf(m.timeMs));
        if (d >= 0 && d < m_days)
            ++out[d];
    }
    return out;
}

QList<int> MixChart::cumulativePerDay() const
{
    QList<int> out(m_days, 0);
    const QDate first = firstDay();
    int before = 0;
    for (const MixHistoryEntry &m : m_mixes) {
        const qint64 d = first.daysTo(dayOf(m.timeMs));
        if (d < 0)
            ++before;
        else if (d < m_days)
            ++out[d];
    }
    int total = before;
    for (int &v : out) {
        total += v;
        v = total;
    }
    return out;
}

QSize MixChart::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(QLatin1Char('M')) * 50, fm.height() * 14};
}

QSize MixChart::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(QLatin1Char('M')) * 20, fm.height() * 8};
}

void MixChart::updateAccessibility()
{
    setAccessibleName(m_mode == Mode::PerDay ? tr("Mixes per day") : tr("Total mixes over time"));
    const QList<int> perDay = mixesPerDay();
    int inRange = 0;
    for (int v : perDay)
        inRange += v;
    setAccessibleDescription(tr("Mixes in the last %1 days: %2. Mixes in total: %3.")
                                 .arg(m_days)
                                 .arg(inRange)
                                 .arg(m_mixes.size()));
}

void MixChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange) {
        updateAccessibility();
        update();
    }
    QWidget::changeEvent(event);
}

void MixChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const int lineHeight = fm.height();
    const int em = fm.horizontalAdvance(QLatin1Char('M'));
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(110);
    p.fillRect(rect(), palette().color(QPalette::Base));

    const QRect area = rect().adjusted(em, lineHeight / 2, -em, -lineHeight / 2);
    // Title, and on the same line the pools' legend (bars only).
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(text);
    const QString title = m_mode == Mode::PerDay ? tr("Mixes per day") : tr("Total mixes over time");
    p.drawText(area.left(), area.top() + fm.ascent(), title);
    p.setFont(font());
    const QStringList poolIds = pools();
    if (m_mode == Mode::PerDay) {
        int x = area.right();
        for (int i = int(poolIds.size()) - 1; i >= 0; --i) {
            const int w = fm.horizontalAdvance(poolIds[i]);
            x -= w;
            p.setPen(text);
            p.drawText(x, area.top() + fm.ascent(), poolIds[i]);
            x -= fm.ascent() + em / 3;
            p.fillRect(QRect(x, area.top() + (lineHeight - fm.ascent()) / 2, fm.ascent(), fm.ascent()), poolColor(i));
            x -= em;
        }
    }

    const QList<int> values = m_mode == Mode::PerDay ? mixesPerDay() : cumulativePerDay();
    const int maxValue = std::max(1, *std::max_element(values.cbegin(), values.cend()));
    const int step = niceStep(maxValue, 5);
    const int top = ((maxValue + step - 1) / step) * step;
    const int yLabelWidth = fm.horizontalAdvance(QString::number(top)) + em / 2;
    const QRect plot(area.left() + yLabelWidth, area.top() + lineHeight * 3 / 2, area.width() - yLabelWidth,
                     area.height() - lineHeight * 3 / 2 - lineHeight * 3 / 2);
    if (plot.width() < em * 4 || plot.height() < lineHeight * 2)
        return;
    auto yOf = [&](double v) { return plot.bottom() - v * plot.height() / top; };

    // Horizontal grid lines with their values.
    for (int v = 0; v <= top; v += step) {
        const int y = int(std::lround(yOf(v)));
        p.setPen(QPen(grid, 1));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(text);
        p.drawText(QRect(area.left(), y - lineHeight / 2, yLabelWidth - em / 4, lineHeight),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(v));
    }

    // Day labels, as many as fit.
    const double slot = double(plot.width()) / m_days;
    const QDate first = firstDay();
    const QString dayFormat = QStringLiteral("d MMM");
    const int labelWidth = fm.horizontalAdvance(locale().toString(QDate(2000, 12, 28), dayFormat)) + em;
    const int every = std::max(1, int(std::ceil(labelWidth / slot)));
    p.setPen(text);
    for (int d = m_days - 1; d >= 0; d -= every) {
        const int cx = int(plot.left() + slot * (d + 0.5));
        p.drawText(QRect(cx - labelWidth / 2, plot.bottom() + lineHeight / 4, labelWidth, lineHeight),
                   Qt::AlignHCenter | Qt::AlignTop, locale().toString(first.addDays(d), dayFormat));
    }

    if (m_mode == Mode::PerDay) {
        // counts[day][pool]
        QList<QList<int>> counts(m_days, QList<int>(poolIds.size(), 0));
        for (const MixHistoryEntry &m : m_mixes) {
            const qint64 d = first.daysTo(dayOf(m.timeMs));
            if (d >= 0 && d < m_days)
                ++counts[d][poolIds.indexOf(m.poolId)];
        }
        const double barWidth = std::max(1.0, slot * 0.7);
        for (int d = 0; d < m_days; ++d) {
            double base = 0;
            for (int i = 0; i < poolIds.size(); ++i) {
                if (!counts[d][i])
                    continue;
                const QRectF bar(plot.left() + slot * d + (slot - barWidth) / 2, yOf(base + counts[d][i]), barWidth,
                                 yOf(base) - yOf(base + counts[d][i]));
                p.fillRect(bar, poolColor(i));
                base += counts[d][i];
            }
        }
    } else {
        QPainterPath line;
        QPainterPath fill;
        for (int d = 0; d < m_days; ++d) {
            const QPointF point(plot.left() + slot * (d + 0.5), yOf(values[d]));
            if (d == 0) {
                line.moveTo(point);
                fill.moveTo(point.x(), plot.bottom());
            } else {
                line.lineTo(point);
            }
            fill.lineTo(point);
        }
        fill.lineTo(plot.left() + slot * (m_days - 0.5), plot.bottom());
        fill.closeSubpath();
        QColor under = poolColor(0);
        under.setAlpha(50);
        p.fillPath(fill, under);
        p.setPen(QPen(poolColor(0), std::max(2.0, lineHeight / 8.0)));
        p.drawPath(line);
    }
    // The axes over everything.
    p.setPen(QPen(text, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.drawLine(plot.bottomLeft(), plot.topLeft());

    if (m_mixes.isEmpty()) {
        p.setPen(text);
        p.drawText(plot, Qt::AlignCenter, tr("No mixes yet"));
    }
}

} // namespace wp::gui
