// Theme: the two palettes and applying them application-wide.
#include "app/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QToolTip>

namespace lathe {

Theme::Theme(const QPalette& desktopPalette)
    : m_desktop(desktopPalette)
{
}

bool Theme::desktopPrefersDark() const
{
    if (qEnvironmentVariable("GTK_THEME").endsWith(QLatin1String(":dark"), Qt::CaseInsensitive)) {
        return true;
    }
    const QColor window = m_desktop.color(QPalette::Window);
    const QColor text = m_desktop.color(QPalette::WindowText);
    return window.lightness() < text.lightness();
}

QPalette Theme::lightPalette()
{
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette palette = fusion != nullptr ? fusion->standardPalette() : QPalette();
    delete fusion;
    palette.setColor(QPalette::Highlight, QColor(0x3b, 0x78, 0xd8));
    palette.setColor(QPalette::Link, QColor(0x2a, 0x64, 0xc4));
    palette.setColor(QPalette::PlaceholderText, QColor(0x6e, 0x74, 0x7d));
    palette.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf7, 0xfa));
    return palette;
}

QPalette Theme::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x20, 0x23);
    const QColor alternate(0x26, 0x28, 0x2c);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor button(0x36, 0x39, 0x3e);
    const QColor disabledText(0x7d, 0x80, 0x86);
    const QColor highlight(0x3d, 0x7b, 0xe0);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, alternate);
    palette.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x44));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x95, 0x99, 0xa0));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x53));
    palette.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x46));
    palette.setColor(QPalette::Mid, QColor(0x30, 0x32, 0x36));
    palette.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1e));
    palette.setColor(QPalette::Shadow, QColor(0x0e, 0x0f, 0x10));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xa6, 0xf7));
    palette.setColor(QPalette::LinkVisited, QColor(0xa9, 0x8a, 0xf0));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, disabledText);
    }
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x53));
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    return palette;
}

void Theme::apply(ThemeChoice choice)
{
    m_choice = choice;
    m_dark = choice == ThemeChoice::Dark || (choice == ThemeChoice::System && desktopPrefersDark());
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }
    const QPalette palette = m_dark ? darkPalette() : lightPalette();
    QApplication::setPalette(palette);
    QToolTip::setPalette(palette);
}

}  // namespace lathe
