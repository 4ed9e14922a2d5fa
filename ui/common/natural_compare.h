// Natural ordering of names: runs of digits compare as numbers, so "layers.2" sorts before
// "layers.10" and the tree reads in layer order. Case-insensitive for letters, with the plain
// comparison as a tie-break so the order is total.
#pragma once

#include <QStringView>

namespace lathe {

// < 0, 0 or > 0 like QString::compare.
int naturalCompare(QStringView a, QStringView b);

inline bool naturalLess(QStringView a, QStringView b)
{
    return naturalCompare(a, b) < 0;
}

}  // namespace lathe
