#pragma once

#include "engine/columns/ColumnArray.h"
#include "engine/functions/FunctionArguments.h"

namespace pipit
{

/// An Array argument as a full ColumnArray (a constant is expanded to `rows` rows), with access to
/// its elements column and offsets.
class ArrayArgument
{
public:
    explicit ArrayArgument(const ColumnWithTypeAndName & argument)
    {
        holder_ = argument.column;
        if (const auto * c = dynamic_cast<const ColumnConst *>(holder_.get()))
            holder_ = c->convertToFullColumn();
        array_ = &assertColumnCast<ColumnArray>(*holder_);
        element_type_ = arrayNestedType(argument.type);
    }

    const ColumnArray & array() const { return *array_; }
    const IColumn & elements() const { return array_->getData(); }
    ColumnPtr elementsPtr() const { return array_->getDataPtr(); }
    const Offsets & offsets() const { return array_->getOffsets(); }
    size_t offsetAt(size_t row) const { return array_->offsetAt(row); }
    size_t sizeAt(size_t row) const { return array_->sizeAt(row); }
    const DataTypePtr & elementType() const { return element_type_; }

private:
    ColumnPtr holder_;
    const ColumnArray * array_ = nullptr;
    DataTypePtr element_type_;
};

} // namespace pipit
