#include "CliPng.h"

#include "CliReport.h"

#include "image/PngWriter.h"

#include <QImage>

void CliPng::write(CliReport& report, const QString& path, const QImage& image, const QString& command,
                   const QString& description)
{
    PngWriter png(path);
    png.setText("Software", "latentset-cli " + command);
    png.setText("Description", description);
    png.write(image);
    report.line("wrote " + path);
    report.set("png", path);
}
