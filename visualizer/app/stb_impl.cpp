// The implementation of stb_image_write (third-party; compiled without our warnings).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
