#!/usr/bin/env python3
"""Draws the Tidings icon (assets/icon.png, 1024×1024): three tide lines,
the top one a wave, on a deep-sea rounded square, with a small sun-like dot
for "news breaking". `npm --prefix ui exec -- tauri icon assets/icon.png -o icons`
turns it into the platform icon set. Needs Pillow."""
import math
import os
from PIL import Image, ImageDraw

S = 1024
SS = 4  # supersampling for smooth curves
W = S * SS
img = Image.new("RGBA", (W, W), (0, 0, 0, 0))
d = ImageDraw.Draw(img)

# Rounded square, vertical gradient from deep teal to ink blue.
mask = Image.new("L", (W, W), 0)
ImageDraw.Draw(mask).rounded_rectangle([int(W * 0.06), int(W * 0.06), int(W * 0.94), int(W * 0.94)], radius=int(W * 0.2), fill=255)
grad = Image.new("RGBA", (W, W))
gd = ImageDraw.Draw(grad)
top, bottom = (17, 94, 110), (15, 40, 71)
for y in range(W):
    t = y / W
    gd.line([(0, y), (W, y)], fill=tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3)) + (255,))
img.paste(grad, (0, 0), mask)

# The sun/dot: warm, upper right.
r = W * 0.075
cx, cy = W * 0.70, W * 0.30
d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(246, 190, 94, 255))

def wave(y, amp, periods, width, x0=0.22, x1=0.78, color=(244, 248, 250, 255)):
    # A round pen stamped densely along the curve: smooth at any thickness.
    rr = width * W / 2
    for i in range(2001):
        t = i / 2000
        x = W * (x0 + (x1 - x0) * t)
        yy = W * y + amp * W * math.sin(t * periods * 2 * math.pi)
        d.ellipse([x - rr, yy - rr, x + rr, yy + rr], fill=color)

wave(0.50, 0.035, 1.5, 0.055)                                  # the tide
wave(0.64, 0.0, 1, 0.045, x1=0.78, color=(244, 248, 250, 235))  # lines of text
wave(0.76, 0.0, 1, 0.045, x1=0.62, color=(244, 248, 250, 200))

img = img.resize((S, S), Image.LANCZOS)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
img.save(out)
print(out)
