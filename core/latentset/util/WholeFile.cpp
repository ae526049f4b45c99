#include "latentset/util/WholeFile.h"

#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace latentset {

void WholeFile::write(const std::string& path, const std::string& bytes)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    fs::path dir = target.parent_path();
    if (dir.empty())
        dir = ".";
    // Every failure below happens before the rename, so a file already under
    // `path` is untouched; the message says so, since "disk full" during a
    // save makes users fear for the copy they had.
    std::error_code ec;
    const bool existed = fs::exists(target, ec);
    const std::string intact = existed ? " (not saved; the previous " + path + " is unchanged)"
                                       : " (not saved; no file was created)";
    std::string tmpl = (dir / (target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        const int err = errno; // before the string operations below
        throw Error(path + ": cannot create a temporary file in " + dir.string() + ": " + std::strerror(err) + intact);
    }
    auto failWith = [&](const std::string& what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw Error(path + ": " + what + ": " + std::strerror(err) + intact);
    };
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failWith("write failed after " + std::to_string(written) + " of " + std::to_string(bytes.size()) + " bytes");
        }
        written += std::size_t(n);
    }
    // Delayed allocation (and network file systems) may report a full disk
    // only here: the data are not safe until fsync and close succeed.
    if (::fsync(fd) != 0)
        failWith("fsync failed");
    // mkstemp creates 0600; model files are ordinary documents.
    ::fchmod(fd, 0644);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw Error(path + ": close failed: " + std::strerror(err) + intact);
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw Error(path + ": rename failed: " + std::strerror(err) + intact);
    }
    // Make the rename itself durable.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

std::string WholeFile::read(const std::string& path, std::uint64_t copies)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot open for reading: " + std::strerror(errno));
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec)
        throw Error(path + ": cannot read its size: " + ec.message());
    MemoryBudget::require(copies * std::uint64_t(size), "opening " + path);
    std::string bytes(std::size_t(size), '\0');
    in.read(bytes.data(), std::streamsize(size));
    if (in.bad() || std::uintmax_t(in.gcount()) != size)
        throw Error(path + ": read error (" + std::to_string(in.gcount()) + " of " + std::to_string(size)
                    + " bytes read)");
    return bytes;
}

} // namespace latentset
