#pragma once
#include <QString>

class CliReport;
class QImage;

// A command's --png output: the image written atomically (PngWriter) with
// its Software and Description text chunks, then "wrote PATH" on the report
// and the "png" key of its JSON. Throws latentset::Error naming the path.
class CliPng {
public:
    static void write(CliReport& report, const QString& path, const QImage& image, const QString& command,
                      const QString& description);
};
