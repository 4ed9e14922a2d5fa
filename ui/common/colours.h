// Colours derived from the palette, so that tints read in the light and the dark theme alike.
#pragma once

#include <QColor>
#include <QPalette>

namespace lathe {

// `from` moved `amount` (0..1) of the way to `to`, channel by channel.
QColor mixColour(const QColor& from, const QColor& to, double amount);

// Whether the palette's base (text field) colour is dark.
bool isDarkPalette(const QPalette& palette);

}  // namespace lathe
