"""Which output device plays when none is configured: on Windows the default of the
WASAPI host API (PortAudio's own default there is MME), elsewhere PortAudio's default.
The Windows host APIs exist only on Windows: a stand-in for sounddevice lists them."""

from __future__ import annotations

from types import SimpleNamespace

import sounddevice

from c4console.sound import devices

WINDOWS_HOST_APIS = [
    {"name": "MME", "default_output_device": 3},
    {"name": "Windows DirectSound", "default_output_device": 7},
    {"name": "Windows WASAPI", "default_output_device": 11},
    {"name": "Windows WDM-KS", "default_output_device": -1},
]


def fake_sd(host_apis: list[dict], default_output: int) -> SimpleNamespace:
    return SimpleNamespace(query_hostapis=lambda: host_apis,
                           default=SimpleNamespace(device=[-1, default_output]))


def test_windows_plays_on_the_wasapi_default_output():
    assert devices.default_output_index(fake_sd(WINDOWS_HOST_APIS, 3), platform="win32") == 11


def test_windows_without_a_wasapi_output_falls_back_to_portaudio_default():
    no_wasapi_output = [api if api["name"] != "Windows WASAPI" else {**api, "default_output_device": -1}
                        for api in WINDOWS_HOST_APIS]
    assert devices.default_output_index(fake_sd(no_wasapi_output, 3), platform="win32") == 3


def test_linux_keeps_portaudio_default_for_real():
    assert devices.default_output_index(sounddevice, platform="linux") == sounddevice.default.device[1]
    assert devices.default_output_index(fake_sd(WINDOWS_HOST_APIS, 3), platform="linux") == 3
