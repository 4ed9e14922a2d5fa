// LaunchOptions: a small hand parser; page arguments are checked by the page itself.
#include "app/launch_options.h"

#include <QRegularExpression>

#include <cstring>

namespace lathe {

bool LaunchOptions::wantsScreenshot(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0) {
            return true;
        }
    }
    return false;
}

QString LaunchOptions::usage()
{
    return tr("Usage:\n"
              "  lathe [PATH] [--compare OTHER] [--select TENSOR] [--tab tensor|checkpoint]\n"
              "  lathe (--model PATH | --endpoint URL [--api-key-env VAR]) [--compare-model PATH]\n"
              "        [--system TEXT] [--prompt TEXT]...\n"
              "  lathe --screenshot PAGE FILE.png [--theme light|dark] [--size WxH] [ARGS]\n"
              "\n"
              "PATH is a .safetensors file, a model.safetensors.index.json or a model folder: it\n"
              "opens in the inspector. --model (a model folder, a .gguf file or a Hub repo id in\n"
              "the cache) or --endpoint (a TGI or OpenAI-compatible server) opens the chat page\n"
              "with that model; --prompt sends a message once it is ready.\n"
              "--screenshot renders PAGE (inspector, chat) offscreen into FILE.png and exits;\n"
              "ARGS are what the page takes on the command line.\n");
}

LaunchOptions LaunchOptions::parse(const QStringList& arguments)
{
    LaunchOptions options;
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            options.mode = Mode::Help;
            return options;
        }
        if (argument == QLatin1String("--version")) {
            options.mode = Mode::Version;
            return options;
        }
    }
    const qsizetype at = arguments.indexOf(QStringLiteral("--screenshot"));
    if (at < 0) {
        options.arguments = arguments;
        return options;
    }
    options.mode = Mode::Screenshot;
    ScreenshotRequest& request = options.screenshot;
    if (at + 2 >= arguments.size()) {
        options.error = tr("--screenshot needs PAGE and FILE.png");
        return options;
    }
    request.page = arguments[at + 1];
    request.output = arguments[at + 2];
    if (!request.output.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        options.error = tr("--screenshot: \"%1\" must end in .png").arg(request.output);
        return options;
    }
    QStringList rest = arguments.mid(0, at) + arguments.mid(at + 3);
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QString& argument = rest[i];
        if (argument == QLatin1String("--theme") || argument == QLatin1String("--size")) {
            if (i + 1 >= rest.size()) {
                options.error = tr("%1 needs a value").arg(argument);
                return options;
            }
            const QString value = rest[++i];
            if (argument == QLatin1String("--theme")) {
                const auto theme = themeChoiceFromName(value);
                if (!theme || *theme == ThemeChoice::System) {
                    options.error = tr("--theme: \"%1\" is not light or dark").arg(value);
                    return options;
                }
                request.theme = theme;
            } else {
                static const QRegularExpression sizePattern(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
                const QRegularExpressionMatch match = sizePattern.match(value);
                const int width = match.hasMatch() ? match.captured(1).toInt() : 0;
                const int height = match.hasMatch() ? match.captured(2).toInt() : 0;
                if (width < 320 || height < 240 || width > 8192 || height > 8192) {
                    options.error = tr("--size: \"%1\" is not WIDTHxHEIGHT between 320x240 and 8192x8192").arg(value);
                    return options;
                }
                request.size = QSize(width, height);
            }
        } else {
            request.arguments << argument;
        }
    }
    return options;
}

}  // namespace lathe
