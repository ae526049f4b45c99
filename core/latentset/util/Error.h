#pragma once
#include <stdexcept>
#include <string>

namespace latentset {

// The one exception type the core throws for bad input and bad state. Its
// message is written for the user: it names the file or object and says what
// is wrong ("train-images-idx3-ubyte: truncated, 1024 of 47040016 bytes").
// Programming errors are asserts, not Errors.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace latentset
