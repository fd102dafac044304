#pragma once

#include "engine/base/BasicTypes.h"

#include <memory>
#include <string>
#include <string_view>

namespace pipit
{

/// Method bytes stored in compressed block headers (ClickHouse's values where ClickHouse has the codec).
/// LZ4HC shares LZ4's byte: both decompress the same way.
enum class CompressionMethodByte : UInt8
{
    NONE = 0x02,
    LZ4 = 0x82,
    ZSTD = 0x90,
    Multiple = 0x91,
    Delta = 0x92,
    T64 = 0x93,
    DoubleDelta = 0x94,
    Gorilla = 0x95,
};

/// Largest uncompressed size a codec (and a compressed block) accepts: guards allocations on garbage input.
constexpr size_t max_compression_block_size = size_t(1) << 30;

/// A compression codec or a size-preserving transform. Implementations are immutable and thread-safe:
/// one instance is shared by all columns and threads that use it.
class ICompressionCodec
{
public:
    virtual ~ICompressionCodec() = default;

    virtual UInt8 methodByte() const = 0;
    /// Canonical SQL spelling: "LZ4", "ZSTD(3)", "Delta(4)", "Delta(4), ZSTD(1)".
    virtual std::string name() const = 0;
    /// Appends the self-describing form written into block headers: method byte followed by the parameters
    /// a reader needs to decompress (codecFromDescription() parses it back).
    virtual void writeDescription(std::string & out) const;
    /// False for transforms (Delta) which do not reduce size and must be followed by a compression codec.
    virtual bool isCompression() const { return true; }

    /// Upper bound of compress()'s output for `source_size` input bytes.
    virtual size_t maxCompressedSize(size_t source_size) const = 0;
    /// Compresses [source, source + source_size) into `dest` (at least maxCompressedSize() bytes) and returns the
    /// number of bytes written. Throws CANNOT_COMPRESS.
    virtual size_t compress(const char * source, size_t source_size, char * dest) const = 0;
    /// Restores exactly `uncompressed_size` bytes into `dest` from compress()'s output. Any other input throws
    /// CANNOT_DECOMPRESS; it never reads or writes out of the given ranges.
    virtual void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const = 0;

    std::string compress(std::string_view source) const;
    std::string decompress(std::string_view source, size_t uncompressed_size) const;
};

using CompressionCodecPtr = std::shared_ptr<const ICompressionCodec>;

/// LZ4: the default codec of columns.
CompressionCodecPtr defaultCodec();

/// Parses the inside of `CODEC(...)` ("Delta(4), ZSTD(1)"; a surrounding "CODEC(...)" is accepted too) into one
/// codec, a chain applied left to right on compress. Names are case-insensitive. Unknown names throw
/// UNKNOWN_COMPRESSION_METHOD; bad syntax, parameters or combinations (empty, NONE with others, a chain ending
/// with a transform) throw BAD_ARGUMENTS. `value_size` is the column's fixed value width (0 if none): it is the
/// default width of Delta and DoubleDelta.
CompressionCodecPtr parseCodecChain(std::string_view text, size_t value_size = 0);

/// Rebuilds a codec able to decompress from a description written by writeDescription(). Throws CORRUPTED_DATA
/// for malformed descriptions and UNKNOWN_COMPRESSION_METHOD for unknown method bytes.
CompressionCodecPtr codecFromDescription(std::string_view description);

} // namespace pipit
