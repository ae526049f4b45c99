#pragma once
// The files written by the code before the experiments moved into core
// (tests/data/legacy/README.md: commit 9701faf's latentset-cli and app, on
// tests/cli/make_data.py's generated data), and what that code printed about
// them, for the tests that open them with today's readers.
#include "latentset/data/Dataset.h"
#include "latentset/data/IdxReader.h"
#include "latentset/util/JsonReader.h"
#include "latentset/util/JsonValue.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace latentset::testing {

inline std::string legacyPath(const std::string& name)
{
    return std::string(LATENTSET_TEST_DATA_DIR) + "/legacy/" + name;
}

inline std::string legacyText(const std::string& name)
{
    std::ifstream in(legacyPath(name), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A JSON report the old CLI printed (its --json line, kept as <name>.json).
inline JsonValue legacyReport(const std::string& name)
{
    return JsonReader::parse(legacyText(name + ".json"), name + ".json");
}

inline double legacyNumber(const JsonValue& report, const std::string& key)
{
    const JsonValue* v = report.find(key);
    return v ? v->asNumber() : -1.0;
}

// The first 20 test images of the generated MNIST-shaped set (10 classes, 28x28).
inline Dataset legacyTestDigits()
{
    return IdxReader::readPair(legacyPath("test20-images-idx3-ubyte"), legacyPath("test20-labels-idx1-ubyte"),
                               "legacy test digits");
}

// likelihood-20-scores.csv: the old `likelihood --scores-csv` rows of those 20
// images (header row first), as text fields.
inline std::vector<std::vector<std::string>> legacyScores()
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(legacyText("likelihood-20-scores.csv"));
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::istringstream l(line);
        std::string f;
        while (std::getline(l, f, ','))
            fields.push_back(f);
        rows.push_back(fields);
    }
    return rows;
}

// The column of `header` in legacyScores(); -1 if absent.
inline int legacyColumn(const std::vector<std::string>& header, const std::string& name)
{
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return int(i);
    return -1;
}

} // namespace latentset::testing
