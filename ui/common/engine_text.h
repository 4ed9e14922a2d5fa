// Strings and paths across the engine boundary: the engine speaks UTF-8 std::string and
// std::filesystem::path (bytes in the local file-name encoding); pages speak QString.
#pragma once

#include <QFile>
#include <QString>

#include <filesystem>
#include <string>

namespace lathe {

inline QString toQString(const std::string& text)
{
    return QString::fromStdString(text);
}

inline std::filesystem::path toFsPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

inline QString fromFsPath(const std::filesystem::path& path)
{
    return QFile::decodeName(path.c_str());
}

}  // namespace lathe
