// Natural ordering of names: runs of digits compare as numbers, so "layers.2" sorts before
// "layers.10" and the tree reads in layer order. Case-insensitive for letters, with the plain
// comparison as a tie-break so the order is total.
#pragma once

#include <QStringView>

class QVariant;

namespace lathe {

// < 0, 0 or > 0 like QString::compare.
int naturalCompare(QStringView a, QStringView b);

inline bool naturalLess(QStringView a, QStringView b)
{
    return naturalCompare(a, b) < 0;
}

// Sort keys of table and tree proxies: numbers (any numeric QVariant) by value, anything
// else as text in natural order. < 0, 0 or > 0.
int compareSortKeys(const QVariant& a, const QVariant& b);

}  // namespace lathe
