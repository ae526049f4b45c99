#include "training/ClassSetSettingsJson.h"

#include "widgets/PlotView.h"

#include "latentset/data/DatasetSplits.h"
#include "latentset/nn/Activation.h"

#include <QJsonArray>
#include <QStringList>

namespace ClassSetSettingsJson {

void write(QJsonObject& o, const ClassSetFormValues& v)
{
    QStringList hidden;
    for (auto h : v.model.hiddenSizes)
        hidden << QString::number(h);
    o["hidden"] = hidden.join(",");
    o["latent"] = int(v.model.latentSize);
    o["tied"] = v.model.tied;
    if (!v.model.encoderActivations.empty())
        o["activation"] = QString::fromStdString(latentset::activationName(v.model.encoderActivations[0]));
    o["optimizer"] = QString::fromStdString(latentset::OptimizerSettings::kindName(v.optimizer.kind));
    o["learningRate"] = double(v.optimizer.learningRate);
    o["schedule"] = QString::fromStdString(latentset::OptimizerSettings::scheduleName(v.optimizer.schedule));
    o["weightDecay"] = double(v.optimizer.weightDecay);
    o["batchSize"] = int(v.batchSize);
    o["epochs"] = double(v.epochs);
    o["maskingNoise"] = double(v.maskingNoise);
    o["seed"] = double(v.seed);
    o["validationSplit"] = int(v.validation);
}

ClassSetFormValues read(const QJsonObject& o, const ClassSetFormValues& fallback)
{
    ClassSetFormValues v = fallback;
    latentset::AutoencoderConfig& m = v.model;
    if (o.contains("hidden")) {
        std::vector<latentset::Index> hidden;
        for (const QString& part : o["hidden"].toString().split(',', Qt::SkipEmptyParts))
            if (const int h = part.trimmed().toInt(); h > 0)
                hidden.push_back(h);
        if (!hidden.empty()) {
            const latentset::Activation a = m.encoderActivations.empty() ? latentset::Activation::Relu
                                                                          : m.encoderActivations[0];
            m = latentset::AutoencoderConfig::make(m.inputSize, hidden, m.latentSize, m.tied);
            for (std::size_t i = 0; i + 1 < m.encoderActivations.size(); ++i)
                m.encoderActivations[i] = m.decoderActivations[i] = a;
        }
    }
    m.latentSize = o["latent"].toInt(int(m.latentSize));
    m.tied = o["tied"].toBool(m.tied);
    if (o.contains("activation")) {
        const latentset::Activation a = latentset::parseActivation(o["activation"].toString().toStdString());
        for (std::size_t i = 0; i + 1 < m.encoderActivations.size(); ++i)
            m.encoderActivations[i] = m.decoderActivations[i] = a;
    }
    if (o.contains("optimizer"))
        v.optimizer.kind = latentset::OptimizerSettings::parseKind(o["optimizer"].toString().toStdString());
    v.optimizer.learningRate = float(o["learningRate"].toDouble(v.optimizer.learningRate));
    // Projects written before the app took the CLI's recipe trained with a
    // constant rate and no weight decay (they carry no "schedule").
    v.optimizer.schedule = o.contains("schedule")
        ? latentset::OptimizerSettings::parseSchedule(o["schedule"].toString().toStdString())
        : latentset::OptimizerSettings::Schedule::Constant;
    v.optimizer.weightDecay = float(o["weightDecay"].toDouble(0.0));
    v.batchSize = o["batchSize"].toInt(int(v.batchSize));
    v.epochs = std::int64_t(o["epochs"].toDouble(double(v.epochs)));
    v.maskingNoise = float(o["maskingNoise"].toDouble(v.maskingNoise));
    v.seed = std::uint64_t(o["seed"].toDouble(double(v.seed)));
    v.validation = o["validationSplit"].toInt(int(v.validation));
    if (o.contains("dataset"))
        v.dataset = o["dataset"].toString().toStdString();
    return v;
}

QJsonObject project(const QString& datasetId, const latentset::DatasetSplits* data, const ClassSetFormValues& values,
                    const PlotView& loss, const PlotView& accuracy)
{
    QJsonObject o;
    o["dataset"] = datasetId;
    if (data) {
        o["datasetName"] = QString::fromStdString(data->name);
        o["datasetSource"] = QString::fromStdString(data->source);
        o["trainImages"] = double(data->train.size());
        o["validationImages"] = double(data->validation.size());
    }
    write(o, values);
    writeCurves(o, loss, accuracy);
    return o;
}

void writeCurves(QJsonObject& o, const PlotView& loss, const PlotView& accuracy)
{
    QJsonArray curves;
    for (const PlotView* plot : {&loss, &accuracy})
        for (int i = 0; i < plot->seriesCount(); ++i) {
            QJsonArray x, y;
            for (double v : plot->seriesX(i))
                x.append(v);
            for (double v : plot->seriesY(i))
                y.append(v);
            curves.append(QJsonObject{{"plot", plot == &loss ? "loss" : "accuracy"}, {"series", i},
                                      {"name", plot->seriesName(i)}, {"x", x}, {"y", y}});
        }
    o["curves"] = curves;
}

void readCurves(const QJsonObject& o, PlotView& loss, PlotView& accuracy)
{
    for (const auto& entry : o["curves"].toArray()) {
        const QJsonObject c = entry.toObject();
        PlotView& plot = c["plot"].toString() == "loss" ? loss : accuracy;
        const int series = c["series"].toInt();
        QVector<double> x, y;
        for (const auto& e : c["x"].toArray())
            x << e.toDouble();
        for (const auto& e : c["y"].toArray())
            y << e.toDouble();
        if (series < plot.seriesCount())
            plot.setSeries(series, x, y);
    }
}

} // namespace ClassSetSettingsJson
