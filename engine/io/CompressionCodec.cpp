#include "engine/io/CompressionCodec.h"

#include "engine/base/Exception.h"
#include "engine/io/CompressionCodecDelta.h"
#include "engine/io/CompressionCodecDoubleDelta.h"
#include "engine/io/CompressionCodecGorilla.h"
#include "engine/io/CompressionCodecLZ4.h"
#include "engine/io/CompressionCodecMultiple.h"
#include "engine/io/CompressionCodecNone.h"
#include "engine/io/CompressionCodecT64.h"
#include "engine/io/CompressionCodecZSTD.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace pipit
{

void ICompressionCodec::writeDescription(std::string & out) const
{
    out.push_back(static_cast<char>(methodByte()));
}

std::string ICompressionCodec::compress(std::string_view source) const
{
    std::string out(maxCompressedSize(source.size()), '\0');
    out.resize(compress(source.data(), source.size(), out.data()));
    return out;
}

std::string ICompressionCodec::decompress(std::string_view source, size_t uncompressed_size) const
{
    if (uncompressed_size > max_compression_block_size)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS,
                        "Cannot decompress: uncompressed size " + std::to_string(uncompressed_size) + " is too large");
    std::string out(uncompressed_size, '\0');
    decompress(source.data(), source.size(), out.data(), uncompressed_size);
    return out;
}

CompressionCodecPtr defaultCodec()
{
    static const CompressionCodecPtr codec = std::make_shared<CompressionCodecLZ4>();
    return codec;
}

namespace
{

struct CodecCall
{
    std::string name;
    std::vector<Int64> arguments;
};

/// Bad parameters of a codec are ILLEGAL_CODEC_PARAMETER; a chain that is well-formed but
/// suspicious (a transformation with nothing compressing after it, NONE mixed in) is BAD_ARGUMENTS,
/// as in ClickHouse (which allows it only with allow_suspicious_codecs).
[[noreturn]] void throwBadCodec(std::string_view text, const std::string & what, ErrorCode code = ErrorCode::ILLEGAL_CODEC_PARAMETER)
{
    throw Exception(code, "Invalid codec list '" + std::string(text) + "': " + what);
}

/// "Name[(int, ...)], ..." -> calls. Whitespace anywhere between tokens.
std::vector<CodecCall> tokenizeCodecList(std::string_view text)
{
    std::vector<CodecCall> calls;
    size_t pos = 0;
    auto skip_spaces = [&]
    {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
            ++pos;
    };
    auto expected = [&](const char * what)
    {
        throwBadCodec(text, std::string("expected ") + what + " at position " + std::to_string(pos));
    };
    while (true)
    {
        skip_spaces();
        size_t start = pos;
        while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_'))
            ++pos;
        if (pos == start || std::isdigit(static_cast<unsigned char>(text[start])))
            expected("codec name");
        CodecCall call {std::string(text.substr(start, pos - start)), {}};
        skip_spaces();
        if (pos < text.size() && text[pos] == '(')
        {
            ++pos;
            skip_spaces();
            if (pos < text.size() && text[pos] == ')')
                ++pos;
            else
                while (true)
                {
                    skip_spaces();
                    bool negative = pos < text.size() && text[pos] == '-';
                    if (negative)
                        ++pos;
                    size_t digits_start = pos;
                    Int64 value = 0;
                    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
                    {
                        if (value > 1'000'000'000)
                            throwBadCodec(text, "argument of " + call.name + " is too large");
                        value = value * 10 + (text[pos] - '0');
                        ++pos;
                    }
                    if (pos == digits_start)
                        expected("integer argument");
                    call.arguments.push_back(negative ? -value : value);
                    skip_spaces();
                    if (pos < text.size() && text[pos] == ',')
                        ++pos;
                    else if (pos < text.size() && text[pos] == ')')
                    {
                        ++pos;
                        break;
                    }
                    else
                        expected("',' or ')'");
                }
            skip_spaces();
        }
        calls.push_back(std::move(call));
        if (pos == text.size())
            break;
        if (text[pos] != ',')
            expected("','");
        ++pos;
    }
    return calls;
}

std::string toUpper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::optional<Int64> singleArgument(std::string_view text, const CodecCall & call)
{
    if (call.arguments.size() > 1)
        throwBadCodec(text, call.name + " takes at most one argument");
    if (call.arguments.empty())
        return std::nullopt;
    return call.arguments[0];
}

size_t valueWidth(std::string_view text, const CodecCall & call, size_t value_size)
{
    auto argument = singleArgument(text, call);
    Int64 width = argument ? *argument : static_cast<Int64>(value_size == 0 ? 1 : value_size);
    if (!argument && width != 1 && width != 2 && width != 4 && width != 8)
        width = 1; // Values of other widths (e.g. 16-byte) get byte deltas.
    if (width != 1 && width != 2 && width != 4 && width != 8)
        throwBadCodec(text, call.name + " width must be 1, 2, 4 or 8, got " + std::to_string(width));
    return static_cast<size_t>(width);
}

CompressionCodecPtr makeCodec(std::string_view text, const CodecCall & call, size_t value_size)
{
    std::string upper = toUpper(call.name);
    if (upper == "NONE" || upper == "LZ4")
    {
        if (!call.arguments.empty())
            throwBadCodec(text, upper + " takes no arguments");
        if (upper == "NONE")
            return std::make_shared<CompressionCodecNone>();
        return defaultCodec();
    }
    if (upper == "LZ4HC")
    {
        Int64 level = singleArgument(text, call).value_or(9);
        if (level == 0)
            level = 9;
        if (level < 1 || level > 12)
            throwBadCodec(text, "LZ4HC level must be between 1 and 12, got " + std::to_string(level));
        return std::make_shared<CompressionCodecLZ4>(static_cast<int>(level));
    }
    if (upper == "ZSTD")
    {
        Int64 level = singleArgument(text, call).value_or(1);
        if (level < 1 || level > 22)
            throwBadCodec(text, "ZSTD level must be between 1 and 22, got " + std::to_string(level));
        return std::make_shared<CompressionCodecZSTD>(static_cast<int>(level));
    }
    if (upper == "DELTA")
        return std::make_shared<CompressionCodecDelta>(valueWidth(text, call, value_size));
    if (upper == "DOUBLEDELTA")
        return std::make_shared<CompressionCodecDoubleDelta>(valueWidth(text, call, value_size));
    if (upper == "GORILLA")
        return std::make_shared<CompressionCodecGorilla>(valueWidth(text, call, value_size == 0 ? 8 : value_size));
    if (upper == "T64")
    {
        if (!call.arguments.empty())
            throwBadCodec(text, "T64 takes no integer arguments");
        bool integer_width = value_size == 1 || value_size == 2 || value_size == 4 || value_size == 8;
        return std::make_shared<CompressionCodecT64>(integer_width ? value_size : 8);
    }
    throw Exception(ErrorCode::UNKNOWN_CODEC, "Unknown codec family: " + call.name + " in '" + std::string(text) + "'");
}

} // namespace

CompressionCodecPtr parseCodecChain(std::string_view text, size_t value_size)
{
    std::string_view inner = text;
    while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.front())))
        inner.remove_prefix(1);
    while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back())))
        inner.remove_suffix(1);
    if (inner.size() > 6 && toUpper(std::string(inner.substr(0, 6))) == "CODEC(" && inner.back() == ')')
        inner = inner.substr(6, inner.size() - 7);

    std::vector<CompressionCodecPtr> stages;
    for (const auto & call : tokenizeCodecList(inner))
        stages.push_back(makeCodec(text, call, value_size));

    if (stages.size() > CompressionCodecMultiple::max_stages)
        throwBadCodec(text, "at most " + std::to_string(CompressionCodecMultiple::max_stages) + " codecs can be chained");
    if (stages.size() > 1)
        for (const auto & stage : stages)
            if (stage->methodByte() == static_cast<UInt8>(CompressionMethodByte::NONE))
                throwBadCodec(text, "NONE cannot be combined with other codecs", ErrorCode::BAD_ARGUMENTS);
    if (!stages.back()->isCompression())
        throwBadCodec(text,
                      "codec " + stages.back()->name() +
                          " does not compress anything; add a compression codec after it, like: " + stages.back()->name() + ", LZ4",
                      ErrorCode::BAD_ARGUMENTS);
    if (stages.size() == 1)
        return stages.front();
    return std::make_shared<CompressionCodecMultiple>(std::move(stages));
}

namespace
{

CompressionCodecPtr readDescription(std::string_view description, size_t & pos, bool nested)
{
    auto corrupted = [&](const std::string & what) -> Exception
    {
        return Exception(ErrorCode::CORRUPTED_DATA, "Malformed codec description in compressed block: " + what);
    };
    if (pos >= description.size())
        throw corrupted("unexpected end");
    auto method = static_cast<UInt8>(description[pos++]);
    auto read_width = [&]() -> size_t
    {
        if (pos >= description.size())
            throw corrupted("missing width");
        auto width = static_cast<UInt8>(description[pos++]);
        if (width != 1 && width != 2 && width != 4 && width != 8)
            throw corrupted("bad width " + std::to_string(width));
        return width;
    };
    switch (static_cast<CompressionMethodByte>(method))
    {
    case CompressionMethodByte::NONE:
        return std::make_shared<CompressionCodecNone>();
    case CompressionMethodByte::LZ4:
        return defaultCodec();
    case CompressionMethodByte::ZSTD:
        return std::make_shared<CompressionCodecZSTD>(1);
    case CompressionMethodByte::Delta:
        return std::make_shared<CompressionCodecDelta>(read_width());
    case CompressionMethodByte::DoubleDelta:
        return std::make_shared<CompressionCodecDoubleDelta>(read_width());
    case CompressionMethodByte::Gorilla:
        return std::make_shared<CompressionCodecGorilla>(read_width());
    case CompressionMethodByte::T64:
        return std::make_shared<CompressionCodecT64>(read_width());
    case CompressionMethodByte::Multiple:
    {
        if (nested)
            throw corrupted("nested codec chain");
        if (pos >= description.size())
            throw corrupted("missing stage count");
        size_t count = static_cast<UInt8>(description[pos++]);
        if (count < 2 || count > CompressionCodecMultiple::max_stages)
            throw corrupted("bad stage count " + std::to_string(count));
        std::vector<CompressionCodecPtr> stages;
        for (size_t i = 0; i < count; ++i)
            stages.push_back(readDescription(description, pos, true));
        return std::make_shared<CompressionCodecMultiple>(std::move(stages));
    }
    }
    char hex[8];
    std::snprintf(hex, sizeof(hex), "0x%02X", method);
    throw Exception(ErrorCode::UNKNOWN_COMPRESSION_METHOD, std::string("Unknown compression method byte ") + hex);
}

} // namespace

CompressionCodecPtr codecFromDescription(std::string_view description)
{
    size_t pos = 0;
    auto codec = readDescription(description, pos, false);
    if (pos != description.size())
        throw Exception(ErrorCode::CORRUPTED_DATA, "Malformed codec description in compressed block: trailing bytes");
    return codec;
}

} // namespace pipit
