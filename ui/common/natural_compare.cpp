// naturalCompare: digit runs by value (leading zeros ignored, then shorter run first).
#include "ui/common/natural_compare.h"

#include <QVariant>

namespace lathe {
namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

}  // namespace

int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            qsizetype endA = i;
            qsizetype endB = j;
            while (endA < a.size() && isDigit(a[endA])) {
                ++endA;
            }
            while (endB < b.size() && isDigit(b[endB])) {
                ++endB;
            }
            // Compare without leading zeros: a longer run is a larger number, and digit
            // strings of equal length compare as text. No overflow on any length.
            qsizetype startA = i;
            qsizetype startB = j;
            while (startA + 1 < endA && a[startA] == QLatin1Char('0')) {
                ++startA;
            }
            while (startB + 1 < endB && b[startB] == QLatin1Char('0')) {
                ++startB;
            }
            const qsizetype lenA = endA - startA;
            const qsizetype lenB = endB - startB;
            if (lenA != lenB) {
                return lenA < lenB ? -1 : 1;
            }
            const int digits = a.sliced(startA, lenA).compare(b.sliced(startB, lenB));
            if (digits != 0) {
                return digits;
            }
            i = endA;
            j = endB;
            continue;
        }
        const QChar ca = a[i].toCaseFolded();
        const QChar cb = b[j].toCaseFolded();
        if (ca != cb) {
            return ca < cb ? -1 : 1;
        }
        ++i;
        ++j;
    }
    if (i < a.size()) {
        return 1;
    }
    if (j < b.size()) {
        return -1;
    }
    return a.compare(b);
}

int compareSortKeys(const QVariant& a, const QVariant& b)
{
    const auto isNumber = [](const QVariant& v) {
        switch (v.typeId()) {
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Double: return true;
        default: return false;
        }
    };
    if (isNumber(a) && isNumber(b)) {
        if (a.typeId() == QMetaType::ULongLong && b.typeId() == QMetaType::ULongLong) {
            const qulonglong x = a.toULongLong();  // exact beyond 2^53
            const qulonglong y = b.toULongLong();
            return x < y ? -1 : (y < x ? 1 : 0);
        }
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    return naturalCompare(a.toString(), b.toString());
}

}  // namespace lathe
