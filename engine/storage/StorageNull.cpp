#include "engine/storage/StorageNull.h"

#include "engine/base/Exception.h"

namespace pipit
{

namespace
{

class NullSource : public ISource
{
public:
    Block read() override { return {}; }
};

} // namespace

StorageNull::StorageNull(ColumnsDescription columns)
    : columns_(std::move(columns))
{
}

void StorageNull::insert(const Block & block, bool /*durable*/)
{
    block.checkNumberOfRows();
}

std::vector<SourcePtr> StorageNull::read(const ReadRequest & request, ReadStatistics * statistics)
{
    for (const auto & name : request.column_names)
    {
        bool found = false;
        for (const auto & column : columns_)
            found |= column.name == name;
        if (!found)
            throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "There is no column " + name + " in table");
    }
    if (statistics)
        *statistics = ReadStatistics {};
    std::vector<SourcePtr> sources;
    sources.push_back(std::make_unique<NullSource>());
    return sources;
}

} // namespace pipit
