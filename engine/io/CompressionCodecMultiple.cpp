#include "engine/io/CompressionCodecMultiple.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"

#include <cstring>
#include <memory>

namespace pipit
{

namespace
{

/// Per-thread scratch for the intermediate stage outputs: grown, never shrunk nor zero-filled. Chains never nest,
/// so one pair per thread suffices.
struct ChainScratch
{
    std::unique_ptr<char[]> data[2];
    size_t capacity[2] = {0, 0};

    char * get(size_t index, size_t size)
    {
        if (capacity[index] < size)
        {
            data[index].reset(new char[size]);
            capacity[index] = size;
        }
        return data[index].get();
    }
};

ChainScratch & chainScratch()
{
    thread_local ChainScratch scratch;
    return scratch;
}

} // namespace

CompressionCodecMultiple::CompressionCodecMultiple(std::vector<CompressionCodecPtr> stages)
    : stages_(std::move(stages))
{
    CHECK(stages_.size() >= 2 && stages_.size() <= max_stages);
}

std::string CompressionCodecMultiple::name() const
{
    std::string out;
    for (const auto & stage : stages_)
    {
        if (!out.empty())
            out += ", ";
        out += stage->name();
    }
    return out;
}

void CompressionCodecMultiple::writeDescription(std::string & out) const
{
    out.push_back(static_cast<char>(methodByte()));
    out.push_back(static_cast<char>(stages_.size()));
    for (const auto & stage : stages_)
        stage->writeDescription(out);
}

size_t CompressionCodecMultiple::maxCompressedSize(size_t source_size) const
{
    size_t size = source_size;
    for (const auto & stage : stages_)
        size = stage->maxCompressedSize(size);
    return (stages_.size() - 1) * sizeof(UInt32) + size;
}

size_t CompressionCodecMultiple::compress(const char * source, size_t source_size, char * dest) const
{
    size_t header_size = (stages_.size() - 1) * sizeof(UInt32);
    ChainScratch & scratch = chainScratch();
    const char * input = source;
    size_t input_size = source_size;
    for (size_t i = 0; i + 1 < stages_.size(); ++i)
    {
        char * output = scratch.get(i % 2, stages_[i]->maxCompressedSize(input_size) + 1);
        size_t n = stages_[i]->compress(input, input_size, output);
        if (n > max_compression_block_size)
            throw Exception(ErrorCode::CANNOT_COMPRESS, "Cannot compress: stage " + stages_[i]->name() + " output is too large");
        auto size32 = static_cast<UInt32>(n);
        std::memcpy(dest + i * sizeof(UInt32), &size32, sizeof(size32));
        input = output;
        input_size = n;
    }
    return header_size + stages_.back()->compress(input, input_size, dest + header_size);
}

void CompressionCodecMultiple::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    size_t header_size = (stages_.size() - 1) * sizeof(UInt32);
    if (source_size < header_size)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS,
                        "Cannot decompress codec chain: payload of " + std::to_string(source_size) + " bytes is shorter than its header");
    std::vector<UInt32> sizes(stages_.size() - 1);
    std::memcpy(sizes.data(), source, header_size);
    // Each stage's output is at most its maxCompressedSize of the stage before: bounds allocations on garbage.
    size_t bound = uncompressed_size;
    for (size_t i = 0; i < sizes.size(); ++i)
    {
        bound = stages_[i]->maxCompressedSize(bound);
        if (sizes[i] > bound)
            throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot decompress codec chain: stage size " + std::to_string(sizes[i]) +
                                                              " exceeds its bound " + std::to_string(bound));
    }

    // Undo the stages from last to first; `input` is the output of the stage below the current one.
    ChainScratch & scratch = chainScratch();
    const char * input = source + header_size;
    size_t input_size = source_size - header_size;
    for (size_t i = stages_.size(); i-- > 1;)
    {
        char * output = scratch.get(i % 2, sizes[i - 1] + 1);
        stages_[i]->decompress(input, input_size, output, sizes[i - 1]);
        input = output;
        input_size = sizes[i - 1];
    }
    stages_.front()->decompress(input, input_size, dest, uncompressed_size);
}

} // namespace pipit
