#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target (tests/fuzz/corpus/<target>/) from the
official vectors in tests/data and a few hand-written edge cases. Re-run after adding
a target; files named crash-* (reproducers of fixed bugs) are kept as they are."""
import json, os, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
OUT = os.path.join(HERE, 'corpus')

def load(name):
    with open(os.path.join(DATA, name)) as f:
        return json.load(f)

def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

def compact(obj):
    return json.dumps(obj, separators=(',', ':'), ensure_ascii=False)

# ---- transaction: Core's tx_valid, the classic Whirlpool Tx0s/mixes, a bcoin block
seen = set()
n = 0
for entry in load('tx_valid.json'):
    if len(entry) == 3 and isinstance(entry[1], str) and n < 12 and len(entry[1]) < 2000:
        write('transaction', 'core-tx-valid-%02d' % n, bytes.fromhex(entry[1])); n += 1
fixtures = [f for f in load('whirlpool-fixtures.json')['fixtures'] if f.get('type') == 'raw_tx']
fixtures.sort(key=lambda f: len(f['raw_hex']))
n = 0
for f in fixtures:
    kind = f.get('kind_guess', 'tx').split(' ')[0]
    if f['raw_hex'] in seen or len(f['raw_hex']) > 12000 or n >= 10:
        continue
    seen.add(f['raw_hex'])
    write('transaction', 'whirlpool-%s-%02d' % (kind, n), bytes.fromhex(f['raw_hex'])); n += 1
blocks = load('bcoin_regtest_blocks.json')
def find_hex(o, key):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from find_hex(v, key)
    elif isinstance(o, list):
        for v in o:
            yield from find_hex(v, key)
for i, h in enumerate(find_hex(blocks, 'raw')):
    write('transaction', 'bcoin-regtest-block-%d' % i, bytes.fromhex(h))
write('transaction', 'edge-empty-witness-flag', bytes.fromhex('0200000000010000000000'))
write('transaction', 'edge-huge-count', bytes.fromhex('02000000fe000000020000'))

# ---- z85: Samourai's vectors and the ZeroMQ spec case
for i, v in enumerate(load('whirlpool-vectors.json')['z85']):
    for key in ('expected_encoded', 'output', 'encoded', 'z85'):
        if isinstance(v.get(key), str):
            write('z85', 'samourai-%02d' % i, v[key][:4000]); break
for i, v in enumerate(load('zeromq-z85-spec32.json')['vectors']):
    for key in ('encoded', 'z85', 'text'):
        if isinstance(v.get(key), str):
            write('z85', 'spec32-%d' % i, v[key])
write('z85', 'edge-max-group', '%nSc0')
write('z85', 'edge-over-max', '%nSc1')
write('z85', 'edge-partial', 'HelloWo')
write('z85', 'edge-one-char', 'a')

# ---- address: Core's key_io, bech32/bech32m, base58, BIP47, a signature
n = 0
for entry in load('key_io_valid.json'):
    if n < 40:
        write('address', 'key-io-%02d' % n, entry[0]); n += 1
b = load('bech32.json')
n = 0
def strings(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k in ('string', 'address') and isinstance(v, str):
                yield v
            else:
                yield from strings(v)
    elif isinstance(o, list):
        for v in o:
            yield from strings(v)
for s in strings(b):
    if n < 30:
        write('address', 'bech32-%02d' % n, s); n += 1
for i, (hexv, b58) in enumerate(load('base58_encode_decode.json')[:8]):
    write('address', 'base58-%d' % i, b58)
bip47 = json.dumps(load('bip47_vectors.json'))
import re
for i, pc in enumerate(sorted(set(re.findall(r'PM8T[1-9A-HJ-NP-Za-km-z]{100,}', bip47)))[:2]):
    write('address', 'paymentcode-%d' % i, pc)
for i, x in enumerate(sorted(set(re.findall(r'[xtvz]pub[1-9A-HJ-NP-Za-km-z]{100,}', json.dumps(load('bip32_vectors.json')))))[:3]):
    write('address', 'xpub-%d' % i, x)
sig = load('whirlpool-vectors.json')['signedMessage'][0]['signature_base64']
write('address', 'signature-base64', sig)

# ---- stompframe
frames = {
    'connect': b'CONNECT\naccept-version:1.2\nhost:coordinator\nheart-beat:10000,10000\n\n\x00',
    'connected': b'CONNECTED\nversion:1.2\nheart-beat:0,0\nuser-name:abc\n\n\x00',
    'subscribe': b'SUBSCRIBE\nid:sub-0\ndestination:/private/reply\nprotocolVersion:0.23\npoolId:0.01btc\n\n\x00',
    'send': b'SEND\ndestination:/ws/registerInput\ncontent-type:application/json\ncontent-length:17\n\n{"poolId":"0.01"}\x00',
    'message': b'MESSAGE\ndestination:/private/reply\nmessage-id:1\nsubscription:sub-0\nmessageType:com.samourai.whirlpool.protocol.websocket.messages.SubscribePoolResponse\n\n{"networkId":"regtest","denomination":1000000}\x00\n',
    'escapes': b'SEND\nde\\cst:a\\nb\\\\c\\r\n\nbody\x00',
    'crlf-heartbeats': b'\r\n\n\r\nDISCONNECT\r\nreceipt:77\r\n\r\n\x00\r\n\n',
    'two-frames': b'RECEIPT\nreceipt-id:77\n\n\x00ERROR\nmessage:bad\n\nno\x00',
    'heartbeat': b'\n',
    'body-with-nul': b'SEND\ncontent-length:3\n\na\x00b\x00',
}
for k, v in frames.items():
    write('stompframe', k, v)

# ---- messages: selector byte (see fuzz_messages.cpp) + JSON body
z = 'Hn2N&zzPvRwVsvRwa]Q<'
msgs = [
    {'poolId': '0.01btc', 'utxoHash': '11' * 32, 'utxoIndex': 3, 'signature': 'H+abc=', 'liquidity': False, 'blockHeight': 800000},
    {'mixId': 'm1', 'blindedBordereau64': z, 'userHash': 'u'},
    {'mixId': 'm1', 'receiveAddress': 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080'},
    {'mixId': 'm1', 'witnesses64': [z, z]},
    {'networkId': 'regtest', 'denomination': 1000000, 'mustMixBalanceMin': 1000170, 'mustMixBalanceCap': 1009500, 'mustMixBalanceMax': 1019990},
    {'status': 'CONFIRM_INPUT', 'mixId': 'm1', 'publicKey64': z},
    {'mixId': 'm1', 'signedBordereau64': z},
    {'status': 'REGISTER_OUTPUT', 'mixId': 'm1', 'inputsHash': 'ab' * 32},
    {'status': 'SIGNING', 'mixId': 'm1', 'transaction64': z},
    {'status': 'SUCCESS', 'mixId': 'm1'},
    {'errorCode': 630, 'message': 'pool redirected', 'mixId': None},
    {'poolId': '0.01btc', 'urlClear': 'http://127.0.0.1:8081', 'urlOnion': '', 'epoch': 7, 'retryAfterMs': 500},
    {'inputsHash': 'ab' * 32, 'unblindedSignedBordereau64': z, 'receiveAddress': 'bcrt1q', 'bordereau64': None},
    {'receiveAddress': 'bcrt1q', 'signature': 'H+abc='},
    {'pools': [{'poolId': '0.01btc', 'denomination': 1000000, 'feeValue': 50000, 'mustMixBalanceMin': 1000170,
                'mustMixBalanceCap': 1009500, 'mustMixBalanceMax': 1019990, 'minAnonymitySet': 5, 'minMustMix': 2,
                'tx0MaxOutputs': 70, 'nbRegistered': 0, 'mixAnonymitySet': 5, 'mixStatus': 'CONFIRM_INPUT',
                'elapsedTime': 1000, 'nbConfirmed': 0}]},
    {'scode': None, 'partnerId': 'SAMOURAI', 'cascading': False},
    {'tx0Datas': [{'poolId': '0.01btc', 'feePaymentCode': 'PM8T', 'feeValue': 50000, 'feeChange': 0,
                   'feeDiscountPercent': 0, 'message': '', 'feePayload64': z, 'feeAddress': 'bcrt1q',
                   'feeOutputSignature': 'H+abc='}]},
    {'tx64': z, 'poolId': '0.01btc'},
    {'message': 'error'},
    {'status': 'FAIL', 'mixId': 'm1'},
]
for i, m in enumerate(msgs):
    write('messages', 'type%02d' % i, bytes([i]) + compact(m).encode())
write('messages', 'crash-errorcode-int32-wrap', bytes([10]) + b'{"errorCode":4294967926,"message":"x"}')
write('messages', 'edge-deep', bytes([14]) + b'{"pools":[' + b'[' * 50 + b']' * 50 + b']}')

# ---- clustermanifest: canonical manifest bytes (key order of canonicalJson())
manifest = ('{"version":1,"cluster":"demo cluster","network":"regtest","issuedAtMs":1759996400000,'
            '"expiresAtMs":1760086400000,"instances":['
            '{"id":"alpha","name":"Alpha","urlClear":"https://alpha.example:8080","urlOnion":"http://alphaalphaalpha.onion"},'
            '{"id":"beta","name":"B\\u0001\\"eta\\\\","urlClear":"http://127.0.0.1:8081","urlOnion":""}]}')
write('clustermanifest', 'canonical', manifest)
write('clustermanifest', 'body', compact({'manifest': manifest, 'signature': sig, 'address': 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080'}))
write('clustermanifest', 'url-onion', 'http://abcdefghijklmnop.onion:9000')
write('clustermanifest', 'url-clear', 'HTTPS://User@Example.COM:443/?q#f')

# ---- requesthead: 2 bytes of maxBytes (big-endian) + request bytes
heads = {
    'get': b'GET /rest/pools HTTP/1.1\r\nHost: a\r\n\r\n',
    'post': b'POST /rest/tx0/push HTTP/1.1\r\nContent-Length: 12\r\nContent-Type: application/json\r\n\r\n{"a":"b"}   ',
    'websocket': b'GET /ws/connect?x=1 HTTP/1.1\r\nUpgrade: h2c, WebSocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\n\r\n',
    'smuggle': b'POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
    'lf-only': b'\n\nGET http://host:80/a/b#frag HTTP/1.0\nX: y\n\n',
    'conflicting-length': b'POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n',
}
for k, v in heads.items():
    write('requesthead', k, struct.pack('>H', 8192) + v)
write('requesthead', 'small-max', struct.pack('>H', 20) + heads['get'])

# ---- bootstraplist
write('bootstraplist', 'sample', compact({'instances': [
    {'name': 'alpha', 'urlClear': 'http://127.0.0.1:8080', 'urlOnion': ''},
    {'id': 'b', 'name': 'beta', 'urlClear': '', 'urlOnion': 'http://betabetabeta.onion'}],
    'operatorAddress': ' bcrt1qoperator '}))
write('bootstraplist', 'bad-url', '{"instances":[{"urlClear":"ftp://x"}]}')

# ---- appsettings (AppSettings::toJson shape)
write('appsettings', 'defaults', compact({
    'version': 1, 'bootstrap': [{'name': 'alpha', 'urlClear': 'http://127.0.0.1:8080', 'urlOnion': '', 'id': 'a'}],
    'operatorAddress': '', 'useOnion': False, 'proxyHost': '127.0.0.1', 'proxyPort': 9050,
    'nodeUrl': 'http://127.0.0.1:18443', 'nodeUser': 'u', 'nodePassword': 'p', 'nodeCookieFile': '',
    'maxConcurrent': 3, 'autoMix': True, 'autoRemix': True, 'remixTarget': 0, 'feeDefaults': [20, 10, 2]}))
write('appsettings', 'partial', '{"maxConcurrent":25,"feeDefaults":[1,2]}')

# ---- walletfile: an envelope (checksum recomputed by the target) and decrypted payloads
write('walletfile', 'envelope', compact({
    'checksum': '00' * 32, 'cipher': {'name': 'aes-256-gcm', 'nonce': 'AAAAAAAAAAAAAAAA'},
    'ciphertext': 'A' * 64, 'format': 'whirlpool-wallet',
    'kdf': {'n': 32768, 'name': 'scrypt', 'p': 1, 'r': 8, 'salt': 'AAAAAAAAAAAAAAAAAAAAAA=='}, 'version': 1}) + '\n')
mnemonic = b'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'
state = b'{"mixCounts":{"a":1}}'
def plain(net, height, m, p, s):
    return bytes([net]) + struct.pack('<I', height) + bytes([len(m)]) + m + bytes([len(p)]) + p + bytes([len(s)]) + s
write('walletfile', 'payload-regtest', plain(2, 1, mnemonic, b'', state))
write('walletfile', 'payload-main-passphrase', plain(0, 800000, mnemonic, 'p\u00e4ss'.encode(), b'{}'))
