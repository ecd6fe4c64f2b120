"""Uploaded images: JPEG, PNG or WebP only, checked by decoding (not by name), at most 2 MB and
4000 × 4000 pixels. The stored name is random, with the extension of the format found."""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_SIDE = 4000


def max_bytes():
    return getattr(settings, "POLICY_IMAGE_MAX_BYTES", 2 * 1024 * 1024)


def validate_image(upload):
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            f"图片不能超过 {limit // (1024 * 1024)} MB（这张 {upload.size / 1048576:.1f} MB）。"
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError("这不是可以识别的图片文件。请上传 JPEG、PNG 或 WebP 图片。") from None
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(f"不支持 {kind} 格式。请上传 JPEG、PNG 或 WebP 图片。")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ValidationError(
            f"图片太大（{width}×{height} 像素），长宽都不能超过 {MAX_SIDE} 像素。"
        )
    # image_path() names the stored file with this extension, whatever the upload was called.
    instance = getattr(upload, "instance", None)  # the model's FieldFile knows its instance
    if instance is not None:
        instance._image_extension = FORMATS[kind]
