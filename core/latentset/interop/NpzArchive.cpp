#include "latentset/interop/NpzArchive.h"

#include "latentset/util/WholeFile.h"
#include "latentset/util/CheckedSize.h"
#include "latentset/util/Error.h"
#include "latentset/util/MemoryBudget.h"

#include <minizip/unzip.h>
#include <minizip/zip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

namespace latentset {

namespace {

// minizip's file functions over a string in memory: the archive is read from
// (and written to) bytes, so the reader sees exactly what was checked and
// the fuzzing harness needs no file. This is I/O, not zip parsing.
struct MemoryStream {
    const std::string* in = nullptr; // reading
    std::string* out = nullptr;      // writing
    std::uint64_t pos = 0;
    std::uint64_t size() const { return in ? in->size() : out->size(); }
};

voidpf ZCALLBACK memOpen(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK memRead(voidpf, voidpf stream, void* buf, uLong size)
{
    auto* s = static_cast<MemoryStream*>(stream);
    if (!s->in || s->pos >= s->in->size())
        return 0;
    const std::uint64_t n = std::min<std::uint64_t>(size, s->in->size() - s->pos);
    std::memcpy(buf, s->in->data() + s->pos, std::size_t(n));
    s->pos += n;
    return uLong(n);
}

uLong ZCALLBACK memWrite(voidpf, voidpf stream, const void* buf, uLong size)
{
    auto* s = static_cast<MemoryStream*>(stream);
    if (!s->out)
        return 0;
    if (s->pos + size > s->out->size())
        s->out->resize(std::size_t(s->pos + size));
    std::memcpy(s->out->data() + s->pos, buf, size);
    s->pos += size;
    return size;
}

ZPOS64_T ZCALLBACK memTell(voidpf, voidpf stream) { return static_cast<MemoryStream*>(stream)->pos; }

long ZCALLBACK memSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin)
{
    auto* s = static_cast<MemoryStream*>(stream);
    std::uint64_t base = 0;
    if (origin == ZLIB_FILEFUNC_SEEK_CUR)
        base = s->pos;
    else if (origin == ZLIB_FILEFUNC_SEEK_END)
        base = s->size();
    else if (origin != ZLIB_FILEFUNC_SEEK_SET)
        return -1;
    const CheckedSize target = CheckedSize(base) + CheckedSize(offset);
    if (target.value() > s->size())
        return -1; // nothing lies beyond the end (writes only append or overwrite)
    s->pos = target.value();
    return 0;
}

int ZCALLBACK memClose(voidpf, voidpf) { return 0; }
int ZCALLBACK memError(voidpf, voidpf) { return 0; }

zlib_filefunc64_def memoryFunctions(MemoryStream& stream)
{
    zlib_filefunc64_def f{};
    f.zopen64_file = memOpen;
    f.zread_file = memRead;
    f.zwrite_file = memWrite;
    f.ztell64_file = memTell;
    f.zseek64_file = memSeek;
    f.zclose_file = memClose;
    f.zerror_file = memError;
    f.opaque = &stream;
    return f;
}

struct UnzipCloser {
    void operator()(void* f) const { unzClose(f); }
};

// The entry under minizip's cursor: its claimed sizes checked against the
// archive, the budget and deflate's ratio, then exactly its bytes.
std::string readEntry(unzFile zip, const unz_file_info64& info, const std::string& what, std::uint64_t archiveBytes,
                      CheckedSize& total)
{
    if (info.flag & 1u)
        throw Error(what + ": the entry is encrypted");
    if (info.compression_method != 0 && info.compression_method != Z_DEFLATED)
        throw Error(what + ": zip compression method " + std::to_string(info.compression_method)
                    + " is not supported (stored or deflate, what NumPy writes)");
    const std::uint64_t packed = info.compressed_size, size = info.uncompressed_size;
    if (packed > archiveBytes)
        throw Error(what + ": the zip entry claims " + std::to_string(packed) + " compressed bytes, the archive has "
                    + std::to_string(archiveBytes) + " (truncated or corrupted)");
    // zlib's deflate expands at most 1032:1 (its documented bound).
    const CheckedSize maximum = info.compression_method == 0 ? CheckedSize(packed) : CheckedSize(packed) * 1032 + 64;
    if (CheckedSize(size) > maximum || (info.compression_method == 0 && size != packed))
        throw Error(what + ": the zip entry claims " + std::to_string(size) + " bytes from "
                    + std::to_string(packed) + " compressed ones (corrupted)");
    if (size > NpzArchive::kMaxArrayBytes)
        throw Error(what + ": " + MemoryBudget::describeBytes(size) + " is over the limit of one array ("
                    + MemoryBudget::describeBytes(NpzArchive::kMaxArrayBytes) + ")");
    total += CheckedSize(size);
    MemoryBudget::require(total.value(), what);
    if (unzOpenCurrentFile(zip) != UNZ_OK)
        throw Error(what + ": the zip entry's local header is damaged");
    std::string bytes(std::size_t(size), '\0');
    std::uint64_t got = 0;
    int n = 0;
    while (got < size && (n = unzReadCurrentFile(zip, bytes.data() + got, unsigned(std::min<std::uint64_t>(size - got, 1u << 24)))) > 0)
        got += std::uint64_t(n);
    char extra = 0;
    const bool more = got == size && unzReadCurrentFile(zip, &extra, 1) > 0;
    const int closed = unzCloseCurrentFile(zip);
    if (n < 0 || got != size)
        throw Error(what + ": the zip entry ends after " + std::to_string(got) + " of its " + std::to_string(size)
                    + " bytes (truncated or corrupted)");
    if (more)
        throw Error(what + ": the zip entry holds more than the " + std::to_string(size) + " bytes it claims");
    if (closed == UNZ_CRCERROR)
        throw Error(what + ": CRC mismatch (the zip entry is corrupted)");
    return bytes;
}

} // namespace

void NpzArchive::add(const std::string& name, NpyArray array)
{
    for (auto& [n, a] : arrays_)
        if (n == name) {
            a = std::move(array);
            return;
        }
    arrays_.emplace_back(name, std::move(array));
}

const NpyArray* NpzArchive::find(const std::string& name) const
{
    for (const auto& [n, a] : arrays_)
        if (n == name)
            return &a;
    return nullptr;
}

const NpyArray& NpzArchive::require(const std::string& name) const
{
    if (const NpyArray* a = find(name))
        return *a;
    throw Error(describe(name) + " is missing");
}

std::string NpzArchive::describe(const std::string& name) const { return source_ + ": array '" + name + "'"; }

std::int64_t NpzArchive::integer(const std::string& name, std::int64_t lo, std::int64_t hi) const
{
    const double v = number(name);
    if (!(v >= double(lo) && v <= double(hi)) || v != std::floor(v))
        throw Error(describe(name) + ": " + std::to_string(v) + " is not an integer in [" + std::to_string(lo) + ", "
                    + std::to_string(hi) + "]");
    return std::int64_t(v);
}

double NpzArchive::number(const std::string& name, bool nanAllowed) const
{
    const NpyArray& a = require(name);
    if (a.elementCount() != 1)
        throw Error(describe(name) + ": shape " + a.describeShape() + ", expected one number");
    const double v = a.doubles(describe(name))[0];
    if (!std::isfinite(v) && !(nanAllowed && std::isnan(v)))
        throw Error(describe(name) + ": is not a finite number");
    return v;
}

namespace {

template <class T>
std::vector<T> checkedValues(const NpzArchive& npz, const std::string& name, const std::vector<std::int64_t>& shape,
                             const std::string& meaning, std::vector<T> (NpyArray::*convert)(const std::string&) const)
{
    const NpyArray& a = npz.require(name);
    if (a.shape() != shape)
        throw Error(npz.describe(name) + ": shape " + a.describeShape() + ", expected "
                    + NpyArray::int64(shape, {}).describeShape() + " (" + meaning + ")");
    std::vector<T> v = (a.*convert)(npz.describe(name));
    for (T x : v)
        if (!std::isfinite(x))
            throw Error(npz.describe(name) + ": holds a value that is not finite (NaN or infinity)");
    return v;
}

} // namespace

std::vector<float> NpzArchive::floats(const std::string& name, const std::vector<std::int64_t>& shape,
                                      const std::string& meaning) const
{
    return checkedValues<float>(*this, name, shape, meaning, &NpyArray::floats);
}

std::vector<double> NpzArchive::doubles(const std::string& name, const std::vector<std::int64_t>& shape,
                                        const std::string& meaning) const
{
    return checkedValues<double>(*this, name, shape, meaning, &NpyArray::doubles);
}

std::string NpzArchive::toBytes() const
{
    std::string out;
    MemoryStream stream;
    stream.out = &out;
    zlib_filefunc64_def functions = memoryFunctions(stream);
    zipFile zip = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &functions);
    if (!zip)
        throw Error(source_ + ": cannot start a zip archive");
    zip_fileinfo info{};
    info.tmz_date.tm_mday = 1; // 1980-01-01, zip's epoch: the same arrays give the same bytes
    info.tmz_date.tm_year = 1980;
    bool ok = true;
    for (const auto& [name, array] : arrays_) {
        const std::string bytes = array.serialize();
        const int zip64 = bytes.size() >= 0xFFFFFFFFu ? 1 : 0;
        ok = zipOpenNewFileInZip64(zip, (name + ".npy").c_str(), &info, nullptr, 0, nullptr, 0, nullptr, 0, 0, zip64)
             == ZIP_OK;
        for (std::size_t done = 0; ok && done < bytes.size();) {
            const unsigned n = unsigned(std::min<std::size_t>(bytes.size() - done, 1u << 24));
            ok = zipWriteInFileInZip(zip, bytes.data() + done, n) == ZIP_OK;
            done += n;
        }
        ok = zipCloseFileInZip(zip) == ZIP_OK && ok;
        if (!ok)
            break;
    }
    ok = zipClose(zip, nullptr) == ZIP_OK && ok;
    if (!ok)
        throw Error(source_ + ": writing the zip archive failed");
    return out;
}

void NpzArchive::save(const std::string& path) const { WholeFile::write(path, toBytes()); }

NpzArchive NpzArchive::fromBytes(const std::string& bytes, const std::string& source)
{
    MemoryStream stream;
    stream.in = &bytes;
    zlib_filefunc64_def functions = memoryFunctions(stream);
    std::unique_ptr<void, UnzipCloser> zip(unzOpen2_64("memory", &functions));
    if (!zip)
        throw Error(source + ": not an NPZ file (no readable zip directory; truncated, or not a zip archive)");
    unz_global_info64 global{};
    if (unzGetGlobalInfo64(zip.get(), &global) != UNZ_OK)
        throw Error(source + ": the zip directory is damaged");
    // minizip refuses an archive without entries, so reading one would
    // make a file that cannot be written and read again: refused alike.
    if (global.number_entry == 0)
        throw Error(source + ": the NPZ file holds no arrays");
    // A central-directory record takes at least 46 bytes.
    if (global.number_entry > kMaxEntries || global.number_entry > bytes.size() / 46)
        throw Error(source + ": the zip directory claims " + std::to_string(global.number_entry)
                    + " entries, more than the file can hold");
    NpzArchive archive(source);
    CheckedSize total;
    int status = unzGoToFirstFile(zip.get());
    for (std::uint64_t k = 0; k < global.number_entry; ++k) {
        if (status != UNZ_OK)
            throw Error(source + ": the zip directory is damaged at entry " + std::to_string(k));
        unz_file_info64 info{};
        char name[1024] = {};
        if (unzGetCurrentFileInfo64(zip.get(), &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK
            || info.size_filename >= sizeof name)
            throw Error(source + ": the zip directory is damaged at entry " + std::to_string(k));
        std::string entry(name, info.size_filename);
        // A name with a NUL byte (or another control character) is no array
        // name NumPy writes, and would not survive being written again.
        if (std::any_of(entry.begin(), entry.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
            throw Error(source + ": entry " + std::to_string(k) + "'s name holds a control character");
        if (entry.size() < 5 || entry.compare(entry.size() - 4, 4, ".npy") != 0)
            throw Error(source + ": entry '" + entry + "' is not a .npy array");
        entry.resize(entry.size() - 4);
        if (archive.find(entry))
            throw Error(archive.describe(entry) + " appears twice");
        const std::string what = archive.describe(entry);
        archive.arrays_.emplace_back(entry, NpyArray::parse(readEntry(zip.get(), info, what, bytes.size(), total), what));
        status = unzGoToNextFile(zip.get());
    }
    return archive;
}

NpzArchive NpzArchive::load(const std::string& path)
{
    // The archive's bytes, then the arrays' copies of them.
    return fromBytes(WholeFile::read(path, 2), path);
}

} // namespace latentset
