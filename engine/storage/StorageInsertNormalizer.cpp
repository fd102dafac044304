#include "engine/storage/StorageInsertNormalizer.h"

#include "engine/base/Exception.h"

#include "engine/columns/ColumnConst.h"

namespace pipit
{

Block StorageInsertNormalizer::normalize(const ColumnsDescription & columns, const Block & block)
{
    block.checkNumberOfRows();
    Block result;
    size_t used = 0;
    for (const auto & description : columns)
    {
        if (description.default_kind == "ALIAS")
            continue;
        const auto * column = block.findByName(description.name);
        if (!column)
            throw Exception(ErrorCode::THERE_IS_NO_COLUMN, "Inserted block has no column " + description.name);
        if (!column->type || !column->column)
            throw Exception(ErrorCode::LOGICAL_ERROR, "Inserted block column " + description.name + " has no data");
        if (column->type->getName() != description.type->getName())
            throw Exception(ErrorCode::TYPE_MISMATCH, "Type mismatch for column " + description.name + ": table has " +
                                                          description.type->getName() + ", block has " + column->type->getName());
        result.insert({convertToFullColumnIfConst(column->column), description.type, description.name});
        ++used;
    }
    if (used != block.columns())
    {
        for (const auto & column : block)
        {
            bool known = false;
            for (const auto & description : columns)
                known |= description.name == column.name && description.default_kind != "ALIAS";
            if (!known)
                throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "No column " + column.name + " in table");
        }
        throw Exception(ErrorCode::DUPLICATE_COLUMN, "Inserted block has duplicate columns");
    }
    return result;
}

} // namespace pipit
