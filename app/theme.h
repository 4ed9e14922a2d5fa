// Theme: light or dark as a palette on the Fusion style. Qt 6.4 has no colour-scheme API, so
// "follow system" reads the desktop's own palette (captured before Lathe changes anything)
// and GTK_THEME's ":dark" suffix; light and dark are explicit choices.
#pragma once

#include "app/settings.h"

#include <QPalette>

namespace lathe {

class Theme {
public:
    // desktopPalette: QApplication::palette() as the platform set it, before apply().
    explicit Theme(const QPalette& desktopPalette);

    void apply(ThemeChoice choice);
    ThemeChoice choice() const { return m_choice; }
    bool isDark() const { return m_dark; }
    bool desktopPrefersDark() const;

    static QPalette lightPalette();
    static QPalette darkPalette();

private:
    QPalette m_desktop;
    ThemeChoice m_choice = ThemeChoice::System;
    bool m_dark = false;
};

}  // namespace lathe
