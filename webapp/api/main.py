from fastapi import APIRouter

from .routes import health, images, pages, uploads

api_router = APIRouter()
api_router.include_router(pages.router)
api_router.include_router(uploads.router)
api_router.include_router(images.router)
api_router.include_router(health.router)
