// Page: the defaults for pages that take no paths, arguments or settings.
#include "ui/common/page.h"

namespace lathe {

void Page::openPath(const QString& path)
{
    Q_UNUSED(path);
}

QString Page::openFileFilter() const
{
    return tr("All files (*)");
}

bool Page::applyArguments(const QStringList& arguments, QString* error)
{
    if (arguments.isEmpty()) {
        return true;
    }
    if (error != nullptr) {
        *error = tr("page \"%1\" takes no arguments, got \"%2\"").arg(pageId(), arguments.join(QLatin1Char(' ')));
    }
    return false;
}

void Page::loadSettings(const QSettings& settings)
{
    Q_UNUSED(settings);
}

void Page::saveSettings(QSettings& settings) const
{
    Q_UNUSED(settings);
}

}  // namespace lathe
