#include "engine/storage/MergeTreePartInfo.h"

#include "engine/base/Exception.h"

#include <charconv>
#include <vector>

namespace pipit
{

std::string MergeTreePartInfo::getName() const
{
    std::string name = partition_id + "_" + std::to_string(min_block) + "_" + std::to_string(max_block) + "_" + std::to_string(level);
    if (mutation != 0)
        name += "_" + std::to_string(mutation);
    return name;
}

std::optional<MergeTreePartInfo> MergeTreePartInfo::tryParse(const std::string & name)
{
    std::vector<std::string> pieces;
    size_t start = 0;
    while (true)
    {
        size_t pos = name.find('_', start);
        pieces.push_back(name.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
        if (pos == std::string::npos)
            break;
        start = pos + 1;
    }
    if (pieces.size() != 4 && pieces.size() != 5)
        return std::nullopt;
    if (pieces[0].empty() || pieces[0] == "tmp")
        return std::nullopt;
    auto parse_number = [](const std::string & s, uint64_t & out)
    {
        if (s.empty())
            return false;
        auto res = std::from_chars(s.data(), s.data() + s.size(), out);
        return res.ec == std::errc() && res.ptr == s.data() + s.size();
    };
    MergeTreePartInfo info;
    info.partition_id = pieces[0];
    uint64_t level = 0;
    if (!parse_number(pieces[1], info.min_block) || !parse_number(pieces[2], info.max_block) || !parse_number(pieces[3], level))
        return std::nullopt;
    if (level > UINT32_MAX || info.min_block > info.max_block)
        return std::nullopt;
    info.level = static_cast<uint32_t>(level);
    if (pieces.size() == 5 && (!parse_number(pieces[4], info.mutation) || info.mutation == 0))
        return std::nullopt;
    return info;
}

} // namespace pipit
