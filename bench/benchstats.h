// Figures the benchmarks print: percentiles of measured samples.
#pragma once

#include <QList>

#include <algorithm>

namespace wp::bench {

/// The @p p quantile (0..1) of @p values, nearest rank; 0 for no value.
inline double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values[index];
}

} // namespace wp::bench
