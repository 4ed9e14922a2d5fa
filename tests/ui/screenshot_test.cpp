// Proves `lathe --screenshot` as a user runs it: a PNG of exactly --size, light and dark
// themes that differ, exit 2 with an "error: " line for an unknown page or bad arguments,
// and a bad checkpoint still photographed (its error panel is what a person would see).
#include "tests/ui/test_checkpoints.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#ifndef LATHE_EXECUTABLE
#error "LATHE_EXECUTABLE must name the lathe binary"
#endif

using namespace lathe;

class ScreenshotTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void writesAPngOfTheRequestedSize();
    void darkThemeIsDark();
    void badCheckpointStillWritesAPng();
    void unknownPageExitsWithTwo();
    void badArgumentsExitWithTwo();

private:
    struct Result {
        int exitCode = -1;
        QString stderrText;
        QStringList errorLines;  // the lines starting "error: " (Qt may log other lines)
    };
    Result runLathe(const QStringList& arguments);
    static double meanLightness(const QImage& image);

    QTemporaryDir m_dir;
    QString m_checkpoint;
};

void ScreenshotTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_checkpoint = m_dir.filePath(QStringLiteral("shot.safetensors"));
    test::writeCheckpoint(m_checkpoint, {test::rampTensor("model.layers.0.mlp.up_proj.weight", DType::BF16, {64, 32}, -1.0f, 0.001f),
                                         test::rampTensor("model.layers.1.mlp.up_proj.weight", DType::BF16, {64, 32}, -1.0f, 0.001f),
                                         test::rampTensor("lm_head.weight", DType::F32, {16, 32}, -0.5f, 0.002f)});
}

ScreenshotTest::Result ScreenshotTest::runLathe(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("LATHE_SCREENSHOT_TIMEOUT"), QStringLiteral("60"));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(LATHE_EXECUTABLE), arguments);
    Result result;
    if (!process.waitForFinished(90000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitCode();
    result.stderrText = QString::fromLocal8Bit(process.readAllStandardError());
    for (const QString& line : result.stderrText.split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("error: "))) {
            result.errorLines << line;
        }
    }
    return result;
}

double ScreenshotTest::meanLightness(const QImage& image)
{
    double sum = 0.0;
    int samples = 0;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            sum += QColor(image.pixel(x, y)).lightness();
            ++samples;
        }
    }
    return samples > 0 ? sum / samples : 0.0;
}

void ScreenshotTest::writesAPngOfTheRequestedSize()
{
    const QString png = m_dir.filePath(QStringLiteral("light.png"));
    const Result result = runLathe({"--screenshot", "inspector", png, "--size", "1100x720", m_checkpoint});
    QVERIFY2(result.exitCode == 0, qPrintable(result.stderrText));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1100, 720));
    QVERIFY(meanLightness(image) > 150.0);
}

void ScreenshotTest::darkThemeIsDark()
{
    const QString png = m_dir.filePath(QStringLiteral("dark.png"));
    const Result result = runLathe({"--screenshot", "inspector", png, "--theme", "dark", "--size", "1000x700", m_checkpoint});
    QVERIFY2(result.exitCode == 0, qPrintable(result.stderrText));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1000, 700));
    QVERIFY(meanLightness(image) < 90.0);
}

void ScreenshotTest::badCheckpointStillWritesAPng()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad.safetensors"));
    test::writeRawFile(bad, "not a safetensors file at all");
    const QString png = m_dir.filePath(QStringLiteral("bad.png"));
    const Result result = runLathe({"--screenshot", "inspector", png, "--size", "900x600", bad});
    QVERIFY2(result.exitCode == 0, qPrintable(result.stderrText));
    QCOMPARE(QImage(png).size(), QSize(900, 600));
}

void ScreenshotTest::unknownPageExitsWithTwo()
{
    const QString png = m_dir.filePath(QStringLiteral("none.png"));
    const Result result = runLathe({"--screenshot", "nosuchpage", png, m_checkpoint});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errorLines.size() == 1, qPrintable(result.stderrText));
    QVERIFY(result.errorLines.first().contains(QStringLiteral("nosuchpage")));
    QVERIFY(result.errorLines.first().contains(QStringLiteral("inspector")));
    QVERIFY(!QFile::exists(png));
}

void ScreenshotTest::badArgumentsExitWithTwo()
{
    const QString png = m_dir.filePath(QStringLiteral("args.png"));
    Result result = runLathe({"--screenshot", "inspector", png, "--size", "huge", m_checkpoint});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errorLines.size() == 1 && result.errorLines.first().contains(QStringLiteral("huge")), qPrintable(result.stderrText));
    result = runLathe({"--screenshot", "inspector", png, "--theme", "purple", m_checkpoint});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errorLines.size(), 1);
    result = runLathe({"--screenshot", "inspector", png, m_checkpoint, "--frobnicate"});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errorLines.size() == 1 && result.errorLines.first().contains(QStringLiteral("--frobnicate")),
             qPrintable(result.stderrText));
}

QTEST_GUILESS_MAIN(ScreenshotTest)
#include "screenshot_test.moc"
