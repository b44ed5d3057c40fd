"""The ``uploads`` table and the shapes the API answers with."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import BigInteger, DateTime, Dialect, Index, Integer, String, TypeDecorator, UniqueConstraint, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every backend (SQLite stores naive text and would hand back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Upload(Base):
    __tablename__ = "uploads"
    __table_args__ = (
        Index("ix_uploads_created_at_id", "created_at", "id"),
        UniqueConstraint("s3_key", name="uq_uploads_s3_key"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str] = mapped_column(String(20))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(BigInteger)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    s3_key: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class UploadPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    email: str
    phone: str = Field(description="E.164")
    content_type: str
    size: int = Field(description="Bytes of the stored (sanitised) image")
    width: int
    height: int
    sha256: str = Field(description="Hex SHA-256 of the stored bytes, the same in EFS and S3")
    s3_key: str
    created_at: datetime


class UploadsPublic(BaseModel):
    items: list[UploadPublic]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next (older) page; null at the end")


class ErrorBody(BaseModel):
    detail: str
    errors: dict[str, str] = Field(default_factory=dict, description="A message per failing field")
