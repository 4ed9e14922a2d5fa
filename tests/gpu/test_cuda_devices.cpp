// GPU tier: with a CUDA build and a device, the engine sees it with sane memory figures and
// library versions; without one, the test skips and says why (never a silent pass).
#include "backend/device_info.h"

#include <QtTest>

using namespace lathe;

class TestCudaDevices : public QObject {
    Q_OBJECT
private slots:
    void devicesAreListed()
    {
        const CudaDeviceReport report = queryCudaDevices();
        if (!report.builtWithCuda) {
            QSKIP("built without CUDA");
        }
        if (report.devices.empty()) {
            QSKIP(qPrintable(QStringLiteral("no CUDA device: ") + QString::fromStdString(report.reason)));
        }
        for (const DeviceInfo& d : report.devices) {
            QCOMPARE(QString::fromStdString(d.kind), QString("cuda"));
            QVERIFY(!d.name.empty());
            QVERIFY(d.totalBytes > (1ull << 30));
            QVERIFY(d.freeBytes <= d.totalBytes);
            QVERIFY(d.computeCapability >= std::string("7.5"));
        }
        const BackendVersions versions = backendVersions();
        QVERIFY(!versions.cudaRuntime.empty());
        QVERIFY(!versions.cudaDriver.empty());
        QVERIFY(!versions.cublasLt.empty());
        QVERIFY(!versions.nccl.empty());
    }

    void reasonWhenNone()
    {
        const CudaDeviceReport report = queryCudaDevices();
        if (!report.devices.empty()) {
            QSKIP("a CUDA device is present");
        }
        QVERIFY2(!report.reason.empty(), "no devices and no reason given");
    }
};

QTEST_APPLESS_MAIN(TestCudaDevices)
#include "test_cuda_devices.moc"
