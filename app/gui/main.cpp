// latentset: the desktop app. Thin: options, then the main window.
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("LatentSet");
    QApplication::setOrganizationName("LatentSet");
    QApplication::setApplicationVersion(LATENTSET_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription("Explore sets of autoencoders with a shared latent space.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption datasetOption("dataset", "Open this dataset (IDX folder or file, CSV).", "path");
    parser.addOption(datasetOption);
    parser.process(app);

    MainWindow window;
    window.show();
    return app.exec();
}
